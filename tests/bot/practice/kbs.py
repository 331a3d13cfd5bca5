"""Knowledge bases built by hand for the practice tests (the loader is tested on its own).

`seed_kb()` mirrors the user's original document (three deep learning frameworks);
`databases_kb()` is a second document on other topics, so nothing can lean on the first one's names.
"""

from __future__ import annotations

from knowledge.model import Aspect, Cell, Fact, KnowledgeBase, ModelAnswer, Question, Topic, UseCase

SEED_TABLE = {
    "ease_of_use": ("Ease of Use", ("Moderate", "Very High", "High")),
    "api_type": ("API Type", ("Low- to high-level", "High-level only", "Low- to high-level")),
    "execution_mode": ("Execution Mode", ("Graph (static) + Eager", "Eager (via TF)", "Eager (dynamic)")),
    "production": (
        "Production",
        ("Strong (TF Serving, etc.)", "Medium (via TF backend)", "Growing (TorchServe, ONNX)"),
    ),
    "community": ("Community", ("Large + enterprise-ready", "Built into TF", "Huge in research")),
    "deployment": ("Deployment", ("TF Lite, TF Serving, XLA", "Same as TensorFlow", "TorchScript, ONNX")),
    "best_for": (
        "Best For",
        ("Scalable, cross-platform ML", "Rapid prototyping", "Research + experimentation"),
    ),
}


def seed_kb(curated: tuple[Question, ...] = ()) -> KnowledgeBase:
    order = ("tensorflow", "keras", "pytorch")
    topics = {
        "tensorflow": Topic(
            "tensorflow",
            "TensorFlow",
            ("tf",),
            "TensorFlow is an open-source deep learning framework developed by Google, widely "
            "used in both research and production for building scalable ML models.",
        ),
        "keras": Topic(
            "keras",
            "Keras",
            ("tf.keras",),
            "Keras is a high-level API for building neural networks, integrated tightly with "
            "TensorFlow since TF 2.0, known for its simplicity and ease of use.",
        ),
        "pytorch": Topic(
            "pytorch",
            "PyTorch",
            ("torch",),
            "PyTorch is a flexible and intuitive deep learning framework developed by Facebook, "
            "popular in research and now widely adopted in production too.",
        ),
    }
    facts = (
        Fact("tensorflow", "developer", "Google"),
        Fact("tensorflow", "language", "Python (with C++ backend)"),
        Fact("tensorflow", "features", "Graph-based computation (TF 1.x), eager execution (TF 2.x)"),
        Fact("tensorflow", "features", "Strong ecosystem: TensorBoard, TF Lite, TF Serving, TF Hub"),
        Fact(
            "tensorflow",
            "features",
            "Scalable deployment: mobile, edge (via TFLite), server (via TF Serving)",
        ),
        Fact("tensorflow", "features", "Production-focused (especially with TF Extended and Vertex AI)"),
        Fact("keras", "developer", "Originally developed as an independent project (by François Chollet)"),
        Fact("keras", "features", "Now part of TensorFlow (tf.keras)"),
        Fact(
            "keras", "features", "Focus: rapid prototyping, minimal boilerplate, intuitive layer-based design"
        ),
        Fact(
            "keras",
            "features",
            "Not a full framework — it's an API built on top of TensorFlow (or Theano/others historically)",
        ),
        Fact("pytorch", "developer", "Meta (Facebook)"),
        Fact("pytorch", "language", "Python-first with dynamic computation graphs"),
        Fact("pytorch", "features", "Dynamic computation (define-by-run model, easier debugging)"),
        Fact("pytorch", "features", "Strong support for NLP (used by HuggingFace)"),
        Fact("pytorch", "features", "Increasing production features: TorchScript, TorchServe, ONNX export"),
        Fact(
            "pytorch",
            "features",
            "Widely used in research and academia due to flexibility and Pythonic design",
        ),
    )
    cells = {
        (a, t): Cell(v) for a, (_l, values) in SEED_TABLE.items() for t, v in zip(order, values, strict=True)
    }
    aspects = {a: Aspect(a, label) for a, (label, _v) in SEED_TABLE.items()}
    aspects["production"] = Aspect("production", "Production", ("ship to prod", "in prod"))
    aspects["deployment"] = Aspect("deployment", "Deployment", ("deploy", "serving models"))
    uses = (
        UseCase("tensorflow", "Enterprise production systems, mobile ML apps, Google Cloud AI pipelines"),
        UseCase("keras", "Beginners, fast prototyping inside TensorFlow ecosystem"),
        UseCase("pytorch", "Research, NLP (HuggingFace Transformers), dynamic architectures"),
    )
    model = ModelAnswer(
        "“TensorFlow is powerful for production and scalable deployments, while PyTorch is more intuitive "
        "and flexible for research. Keras simplifies model building on top of TensorFlow. I’ve used both "
        "TensorFlow (with Keras) for deployment-focused ML, and PyTorch for experimentation, especially "
        "with NLP and vision models.”",
        topics=order,
    )
    return KnowledgeBase(
        topics=topics,
        aspects=aspects,
        facts=facts,
        cells=cells,
        use_cases=uses,
        model_answers=(model,),
        questions=curated,
    )


DB_TOPICS = {
    "postgresql": (
        "PostgreSQL",
        ("postgres", "pg"),
        "PostgreSQL is an open-source object-relational database known for standards compliance, "
        "extensibility and strong transactional guarantees.",
    ),
    "mysql": (
        "MySQL",
        (),
        "MySQL is a popular open-source relational database owned by Oracle, widely used for "
        "web applications.",
    ),
    "sqlite": (
        "SQLite",
        (),
        "SQLite is an embedded, serverless SQL database engine that stores a whole database "
        "in a single file.",
    ),
    "mongodb": (
        "MongoDB",
        ("mongo",),
        "MongoDB is a document database that stores JSON-like documents with flexible schemas.",
    ),
    "redis": (
        "Redis",
        (),
        "Redis is an in-memory key-value data store used as a cache, message broker and fast database.",
    ),
    "cassandra": (
        "Cassandra",
        ("apache cassandra",),
        "Cassandra is a distributed wide-column database designed for high write throughput across many "
        "nodes with no single point of failure.",
    ),
    "elasticsearch": (
        "Elasticsearch",
        ("elastic",),
        "Elasticsearch is a distributed search and analytics engine built on Apache Lucene, used for "
        "full-text search and log analytics.",
    ),
}
DB_FACTS = {
    "postgresql": (
        "PostgreSQL Global Development Group (community)",
        "C",
        ("MVCC concurrency control", "JSONB and rich indexes (GIN, GiST)", "Extensions such as PostGIS"),
    ),
    "mysql": (
        "Oracle (originally MySQL AB)",
        "C and C++",
        ("InnoDB storage engine", "Simple replication setup"),
    ),
    "sqlite": ("D. Richard Hipp", "C", ("Zero configuration", "Single cross-platform database file")),
    "mongodb": (
        "MongoDB Inc.",
        "C++",
        ("Flexible schema documents (BSON)", "Horizontal scaling with sharding", "Aggregation pipeline"),
    ),
    "redis": (
        "Salvatore Sanfilippo (now Redis Ltd.)",
        "C",
        (
            "In-memory data structures: strings, hashes, lists, sets, sorted sets",
            "Pub/sub messaging",
            "Optional persistence (RDB snapshots, AOF log)",
        ),
    ),
    "cassandra": (
        "Facebook, then the Apache Software Foundation",
        "Java",
        ("Masterless ring architecture", "Tunable consistency", "CQL query language"),
    ),
    "elasticsearch": (
        "Elastic NV",
        "Java",
        ("Inverted index on Apache Lucene", "REST JSON API", "Kibana dashboards (ELK stack)"),
    ),
}
DB_ORDER = tuple(DB_TOPICS)
DB_TABLE = {
    "data_model": (
        "Data Model",
        (
            "Relational tables with JSONB",
            "Relational tables",
            "Relational tables in one file",
            "JSON-like documents",
            "Key-value data structures",
            "Wide-column partitions",
            "JSON documents in an inverted index",
        ),
    ),
    "scaling": (
        "Scaling",
        (
            "Vertical, read replicas",
            "Read replicas, sharding via Vitess",
            "Single machine only",
            "Horizontal sharding",
            "Redis Cluster sharding",
            "Linear horizontal scaling",
            "Shards and replicas across nodes",
        ),
    ),
    "consistency": (
        "Consistency",
        (
            "Strong ACID transactions",
            "ACID with InnoDB",
            "ACID, one writer at a time",
            "Tunable, multi-document transactions",
            "Single-threaded atomic commands",
            "Tunable, eventually consistent",
            "Near real-time, eventually consistent",
        ),
    ),
    "query_language": (
        "Query Language",
        (
            "SQL",
            "SQL",
            "SQL",
            "MQL and aggregation pipeline",
            "Commands per data type",
            "CQL",
            "Query DSL over REST",
        ),
    ),
    "best_for": (
        "Best For",
        (
            "Complex queries and data integrity",
            "Read-heavy web apps",
            "Embedded and local apps",
            "Evolving schemas and rapid development",
            "Caching and real-time counters",
            "Massive write-heavy workloads",
            "Full-text search and log analytics",
        ),
    ),
}
DB_USES = {
    "postgresql": "Financial systems, geospatial apps with PostGIS, analytics",
    "mysql": "WordPress and LAMP stacks, e-commerce sites, SaaS backends",
    "sqlite": "Mobile apps, browsers, IoT devices, test fixtures",
    "mongodb": "Content management, product catalogs, mobile backends",
    "redis": "Session storage, leaderboards, rate limiting, job queues",
    "cassandra": "Time-series data, IoT telemetry, messaging inboxes",
    "elasticsearch": "Site search, log analytics with Kibana, security monitoring",
}
DB_MODEL_ANSWERS = (
    (
        ("postgresql", "mysql"),
        "PostgreSQL or MySQL for a new product: how do you choose?",
        "Pick PostgreSQL when you need complex queries, strict integrity and extensions like PostGIS; MySQL is "
        "simpler to run and shines for read-heavy web apps.",
    ),
    (
        ("mongodb", "postgresql"),
        "When would you choose MongoDB over PostgreSQL?",
        "MongoDB stores flexible JSON-like documents and scales out with sharding, while PostgreSQL gives relational "
        "integrity, joins and ACID transactions. With JSONB, PostgreSQL covers many document use cases too.",
    ),
    (
        ("redis",),
        "Why put Redis in front of your database?",
        "Redis keeps data in memory, so reads and writes take microseconds. It is ideal as a cache or for counters, "
        "but memory limits the data size and persistence is optional. Keep the source of truth in a durable database.",
    ),
    (
        ("cassandra",),
        "When is Cassandra the right choice?",
        "Cassandra has a masterless ring, so any node accepts writes and there is no single point of failure. It "
        "scales linearly for write-heavy time-series data. You design tables around your queries and accept eventual "
        "consistency.",
    ),
    (
        ("elasticsearch",),
        "How would you add full-text search to an application?",
        "Elasticsearch builds an inverted index with Lucene, which makes full-text search and aggregations fast. It "
        "is near real-time and not a primary transactional store, so you index data from your main database.",
    ),
    (
        ("sqlite",),
        "When is SQLite enough, and when is it not?",
        "SQLite is a serverless library that keeps the whole database in one file. It is perfect for mobile apps, "
        "tests and local tools. It allows only one writer at a time, so it does not suit high-concurrency servers.",
    ),
    (
        ("mongodb", "cassandra"),
        "MongoDB or Cassandra for a large dataset?",
        "MongoDB offers rich queries and secondary indexes on documents, whereas Cassandra is optimised for huge "
        "write throughput with queries designed up front.",
    ),
    (
        ("redis", "elasticsearch"),
        "Redis or Elasticsearch for searching product names?",
        "Redis answers exact key lookups from memory, while Elasticsearch ranks fuzzy full-text matches with "
        "relevance scoring across shards.",
    ),
    (
        ("mysql", "sqlite"),
        "What is the difference between MySQL and SQLite?",
        "MySQL is a client-server database that serves many concurrent users over the network, whereas SQLite is "
        "embedded in the application process with zero configuration.",
    ),
)


def databases_kb(curated: tuple[Question, ...] = ()) -> KnowledgeBase:
    topics = {
        tid: Topic(tid, name, aliases, definition) for tid, (name, aliases, definition) in DB_TOPICS.items()
    }
    facts: list[Fact] = []
    for tid, (developer, language, features) in DB_FACTS.items():
        facts += [Fact(tid, "developer", developer), Fact(tid, "language", language)]
        facts += [Fact(tid, "features", f) for f in features]
    cells = {(a, t): Cell(v) for a, (_l, vs) in DB_TABLE.items() for t, v in zip(DB_ORDER, vs, strict=True)}
    aspects = {a: Aspect(a, label) for a, (label, _v) in DB_TABLE.items()}
    aspects["scaling"] = Aspect("scaling", "Scaling", ("scale out", "scalability"))
    models = tuple(ModelAnswer(text, topics=t, question=q) for t, q, text in DB_MODEL_ANSWERS)
    uses = tuple(UseCase(t, text) for t, text in DB_USES.items())
    return KnowledgeBase(
        topics=topics,
        aspects=aspects,
        facts=tuple(facts),
        cells=cells,
        use_cases=uses,
        model_answers=models,
        questions=curated,
    )


def curated(qid: str, text: str, topics: tuple[str, ...], points: tuple[str, ...], model: str) -> Question:
    return Question(
        id=qid,
        text=text,
        topics=topics,
        aspect=None,
        difficulty="medium",
        key_points=points,
        model_answer=model,
        kind="curated",
    )


SEED_CURATED = (
    curated(
        "curated:eager-execution",
        "What is eager execution and which frameworks use it by default?",
        ("pytorch", "tensorflow"),
        (
            "Operations run immediately, line by line",
            "PyTorch: eager by default",
            "TensorFlow: eager by default since 2.0",
            "Easier debugging than static graphs",
        ),
        "Eager execution runs each operation immediately. PyTorch and TensorFlow 2 are eager by default.",
    ),
    curated(
        "curated:onnx-export",
        "Why might you export a PyTorch model to ONNX?",
        ("pytorch",),
        (
            "Framework-independent model format",
            "Run it in other runtimes such as ONNX Runtime",
            "Hardware-optimised inference",
        ),
        "ONNX is a portable format other runtimes can run fast.",
    ),
    curated(
        "curated:tensorboard",
        "What is TensorBoard used for?",
        ("tensorflow",),
        (
            "Visualise training metrics like loss and accuracy",
            "Inspect the model graph",
            "Compare experiment runs",
        ),
        "TensorBoard visualises metrics, graphs and runs.",
    ),
    curated(
        "curated:tf-serving",
        "How do you serve a TensorFlow model in production?",
        ("tensorflow",),
        ("Export a SavedModel", "TF Serving over REST or gRPC", "Versioned models with rollback"),
        "Export a SavedModel and serve versions with TF Serving over REST or gRPC.",
    ),
    curated(
        "curated:transfer-learning",
        "What is transfer learning and how would you do it in Keras?",
        ("keras",),
        (
            "Reuse a pretrained model",
            "Freeze the base layers",
            "Train a new head on your data",
            "Fine-tune with a low learning rate",
        ),
        "Load a pretrained base, freeze it, train a new head, then fine-tune gently.",
    ),
)
DB_CURATED = (
    curated(
        "curated:acid",
        "What does ACID stand for?",
        ("postgresql",),
        ("Atomicity", "Consistency", "Isolation", "Durability"),
        "Atomicity, consistency, isolation and durability.",
    ),
    curated(
        "curated:indexes",
        "What is an index and what does it cost?",
        ("postgresql", "mysql"),
        ("Faster lookups without full table scans", "Slower writes", "Extra storage"),
        "An index speeds reads but slows writes and takes space.",
    ),
    curated(
        "curated:redis-cache",
        "How would you use Redis as a cache?",
        ("redis",),
        (
            "Cache-aside: read the cache, fall back to the database",
            "Set a TTL so entries expire",
            "Invalidate or update on writes",
            "Eviction policy such as LRU",
        ),
        "Cache-aside with TTLs, invalidation on writes and an LRU eviction policy.",
    ),
    curated(
        "curated:sharding",
        "What is sharding?",
        ("mongodb",),
        (
            "Split data across machines by a shard key",
            "Horizontal scaling of writes and storage",
            "Choose a key that spreads load evenly",
        ),
        "Sharding partitions data across machines by key.",
    ),
    curated(
        "curated:cap",
        "What is the CAP theorem?",
        ("cassandra",),
        (
            "Consistency, availability, partition tolerance",
            "During a network partition choose consistency or availability",
            "Cassandra favours availability",
        ),
        "Under a partition a distributed store picks consistency or availability.",
    ),
)
