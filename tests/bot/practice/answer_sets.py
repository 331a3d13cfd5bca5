"""Answers written as candidates would write them: a good one, a vague one and a wrong one per question.

(kb, question id, good, vague, wrong). "seed" is the deep learning document, "db" the databases one.
Wrong answers are confident and specific, but about the wrong thing (often another topic's facts).
"""

from __future__ import annotations

ANSWERS: tuple[tuple[str, str, str, str, str], ...] = (
    # --- definition ---------------------------------------------------------------------------
    (
        "seed",
        "definition:tensorflow",
        "TensorFlow is Google's open source deep learning framework. It's built for scalable, cross-platform ML "
        "and is used a lot in enterprise production systems and for mobile ML apps via TF Lite.",
        "It's a machine learning library, people use it to train models and stuff.",
        "TensorFlow is a JavaScript front-end framework from Facebook for building web user interfaces.",
    ),
    (
        "seed",
        "definition:keras",
        "Keras is a high-level API for building neural networks, originally an independent project by François "
        "Chollet and now part of TensorFlow. It's great for rapid prototyping and for beginners.",
        "Keras is a tool you can use for AI, it's quite popular I think.",
        "Keras is a low-level GPU programming language developed by Meta for research on dynamic graphs.",
    ),
    (
        "seed",
        "definition:pytorch",
        "PyTorch is a flexible, intuitive deep learning framework developed by Meta (Facebook). It's the go-to for "
        "research and experimentation, and it's big in NLP with HuggingFace Transformers.",
        "A framework for neural networks. Lots of people like it.",
        "PyTorch is Google's framework for enterprise production pipelines on mobile using TF Lite and static graphs.",
    ),
    (
        "db",
        "definition:postgresql",
        "Postgres is an open-source object-relational database known for standards compliance and extensibility, "
        "developed by the PostgreSQL Global Development Group. It's the pick for complex queries and data integrity, "
        "for example financial systems or geospatial apps with PostGIS.",
        "It's a database where you store your data, you can query it.",
        "PostgreSQL is an in-memory key-value cache used for leaderboards and session storage, made by Oracle.",
    ),
    (
        "db",
        "definition:mysql",
        "MySQL is a popular open-source relational database owned by Oracle, originally from MySQL AB. It's a classic "
        "for read-heavy web apps: WordPress and LAMP stacks, e-commerce sites.",
        "MySQL is a SQL thing, many companies have it somewhere.",
        "MySQL is a document database with flexible schemas for product catalogs, developed by MongoDB Inc.",
    ),
    (
        "db",
        "definition:sqlite",
        "SQLite is an embedded, serverless SQL database engine that keeps the whole database in a single file. "
        "Written by D. Richard Hipp, it's used in mobile apps, browsers and other embedded or local apps.",
        "A small database, good for some things.",
        "SQLite is a distributed wide-column store for massive write-heavy workloads across many nodes.",
    ),
    (
        "db",
        "definition:mongodb",
        "MongoDB is a document database storing JSON-like documents with flexible schemas, from MongoDB Inc. It suits "
        "evolving schemas and rapid development, like content management and product catalogs.",
        "MongoDB is a NoSQL database that is quite popular with startups.",
        "MongoDB is a relational database with strict schemas and SQL joins, best for financial ledgers.",
    ),
    (
        "db",
        "definition:redis",
        "Redis is an in-memory key-value data store you use as a cache. Salvatore Sanfilippo wrote it, now Redis Ltd. "
        "It's ideal for caching and real-time counters, session storage and leaderboards.",
        "Redis is a fast storage tool that backends use.",
        "Redis is a full-text search engine on Apache Lucene for log analytics with Kibana.",
    ),
    (
        "db",
        "definition:cassandra",
        "Cassandra is a distributed wide-column database built for high write throughput across many nodes with no "
        "single point of failure. It came from Facebook, then went to the Apache Software Foundation. Good for massive "
        "write-heavy workloads like time-series data and IoT telemetry.",
        "Cassandra is a big data database for large scale things.",
        "Cassandra is an embedded single-file SQL engine used in mobile apps and browsers, written by Richard Hipp.",
    ),
    (
        "db",
        "definition:elasticsearch",
        "Elasticsearch is a distributed search and analytics engine built on Apache Lucene by Elastic NV. You use it for "
        "full-text search and log analytics, like site search or logs with Kibana.",
        "Elasticsearch helps you find things in your data quickly.",
        "Elasticsearch is a relational OLTP database for financial transactions with strict ACID guarantees.",
    ),
    # --- aspect -----------------------------------------------------------------------------------
    (
        "seed",
        "aspect:pytorch:deployment",
        "You script or trace the model with TorchScript, or export it to ONNX, and serve that.",
        "You can deploy it in lots of places, it depends on the setup.",
        "PyTorch models are deployed with TF Lite and TF Serving, and compiled with XLA.",
    ),
    (
        "seed",
        "aspect:tensorflow:deployment",
        "TensorFlow has TF Lite for mobile and edge, TF Serving for servers, and XLA for compiling. The ecosystem also "
        "has TensorBoard and TF Hub.",
        "There are some tools for putting models into production.",
        "TensorFlow deploys through TorchScript and TorchServe.",
    ),
    (
        "seed",
        "aspect:keras:production",
        "Keras itself is medium for production: you go through the TensorFlow backend, for example TF Serving.",
        "It's okay I guess, depends on the company.",
        "Keras has its own production server, KerasServe, with ONNX export and TorchScript built in.",
    ),
    (
        "seed",
        "aspect:pytorch:execution_mode",
        "PyTorch runs eagerly: dynamic graphs, define by run, so debugging is easy.",
        "It executes the code you write, like most frameworks.",
        "PyTorch compiles a static graph first and only then runs it, like TensorFlow 1.x sessions.",
    ),
    (
        "seed",
        "aspect:tensorflow:execution_mode",
        "TensorFlow 1.x was graph based, static graphs, and TF 2 added eager execution by default.",
        "It has a mode for running things.",
        "It only runs dynamically, define-by-run like PyTorch; there is no graph mode.",
    ),
    (
        "db",
        "aspect:redis:data_model",
        "Redis is key-value, but the values are in-memory data structures: strings, hashes, lists, sets and sorted sets.",
        "It stores data and you can get it back.",
        "Redis stores relational tables with foreign keys and JSONB columns.",
    ),
    (
        "db",
        "aspect:cassandra:scaling",
        "Cassandra scales linearly and horizontally: add nodes and throughput grows.",
        "It scales if you configure it well.",
        "Cassandra only runs on a single machine, so you scale vertically with a bigger server.",
    ),
    (
        "db",
        "aspect:mongodb:scaling",
        "MongoDB scales out with horizontal sharding across machines.",
        "You can make it handle more load.",
        "MongoDB scales with Vitess and MySQL read replicas.",
    ),
    (
        "db",
        "aspect:sqlite:consistency",
        "SQLite is fully ACID, but only one writer at a time.",
        "It keeps your data okay most of the time.",
        "SQLite is eventually consistent with tunable consistency levels across replicas.",
    ),
    (
        "db",
        "aspect:elasticsearch:query_language",
        "You query Elasticsearch with its JSON Query DSL over the REST API.",
        "You send it queries and get results back.",
        "Elasticsearch uses CQL, the Cassandra query language.",
    ),
    (
        "db",
        "aspect:postgresql:best_for",
        "Postgres is best for complex queries and keeping data integrity strict.",
        "It's good for many apps.",
        "PostgreSQL is best for caching and real-time counters in memory.",
    ),
    # --- compare ----------------------------------------------------------------------------------
    (
        "seed",
        "compare:keras,pytorch:production",
        "Keras is medium for production since it leans on the TensorFlow backend, whereas PyTorch is growing there "
        "with TorchServe and ONNX.",
        "Both are used in production by many companies.",
        "Keras has TorchServe and ONNX, PyTorch goes through the TF backend.",
    ),
    (
        "seed",
        "compare:pytorch,tensorflow:production",
        "TensorFlow is strong in production with TF Serving. PyTorch is growing, with TorchServe and ONNX.",
        "They're both fine for production these days.",
        "PyTorch is the strongest, it has TF Serving; TensorFlow is only growing with TorchServe.",
    ),
    (
        "seed",
        "compare:keras,tensorflow:ease_of_use",
        "Keras is very easy to use, very high level. TensorFlow on its own is moderate, more to learn.",
        "One is easier than the other, it depends.",
        "TensorFlow is the easiest; Keras is really hard and low level.",
    ),
    (
        "seed",
        "compare:keras,pytorch,tensorflow:deployment",
        "TensorFlow deploys with TF Lite, TF Serving and XLA. Keras deploys the same as TensorFlow since it's inside it. "
        "PyTorch uses TorchScript and ONNX.",
        "They all have deployment options of some kind.",
        "TensorFlow uses TorchScript, PyTorch uses TF Lite, and Keras has none.",
    ),
    (
        "seed",
        "compare:pytorch,tensorflow:community",
        "TensorFlow's community is large and enterprise-ready; PyTorch's is huge in research.",
        "Both have communities online.",
        "PyTorch is mostly enterprise; TensorFlow is the one researchers use.",
    ),
    (
        "db",
        "compare:mysql,postgresql:best_for",
        "Pick PostgreSQL for complex queries and data integrity, MySQL for read-heavy web apps.",
        "It depends on what you need really.",
        "Pick PostgreSQL for caching counters, and MySQL for full-text log analytics.",
    ),
    (
        "db",
        "compare:cassandra,mongodb:consistency",
        "MongoDB has tunable consistency and multi-document transactions. Cassandra is tunable too, but eventually "
        "consistent by design.",
        "Both handle consistency in their own way.",
        "MongoDB is single-threaded atomic commands; Cassandra is strict ACID with one writer at a time.",
    ),
    (
        "db",
        "compare:redis,sqlite:data_model",
        "Redis holds key-value data structures; SQLite has relational tables in one file.",
        "They store data differently.",
        "Redis uses wide-column partitions and SQLite stores JSON documents in an inverted index.",
    ),
    (
        "db",
        "compare:elasticsearch,postgresql:query_language",
        "PostgreSQL speaks SQL; Elasticsearch uses its Query DSL over REST.",
        "You query both with their own syntax.",
        "PostgreSQL uses CQL and Elasticsearch uses MQL aggregation pipelines.",
    ),
    (
        "db",
        "compare:mongodb,mysql:scaling",
        "MySQL scales with read replicas, or sharding via Vitess. MongoDB has horizontal sharding built in.",
        "Both can scale if you put effort in.",
        "MySQL uses Redis Cluster; MongoDB runs on one machine only.",
    ),
    # --- use_case ---------------------------------------------------------------------------------
    (
        "seed",
        "use_case:tensorflow",
        "Enterprise production systems, mobile ML apps, and Google Cloud AI pipelines.",
        "Machine learning projects, I suppose.",
        "Mostly academic research prototypes and HuggingFace NLP experiments.",
    ),
    (
        "seed",
        "use_case:keras",
        "Beginners learning deep learning, and fast prototyping inside the TensorFlow ecosystem.",
        "Making neural nets for things.",
        "Large enterprise serving pipelines on Google Cloud and mobile edge deployment.",
    ),
    (
        "seed",
        "use_case:pytorch",
        "Research, NLP with HuggingFace Transformers, and dynamic architectures.",
        "Deep learning work in general.",
        "Mobile apps with TF Lite and enterprise production on Google Cloud.",
    ),
    (
        "db",
        "use_case:postgresql",
        "Financial systems, geospatial apps using PostGIS, and analytics.",
        "Normal backend stuff.",
        "Caching sessions and leaderboards.",
    ),
    (
        "db",
        "use_case:mysql",
        "WordPress and LAMP stacks, e-commerce sites, and SaaS backends.",
        "Websites and things like that.",
        "IoT telemetry and time-series inboxes at massive write scale.",
    ),
    (
        "db",
        "use_case:sqlite",
        "Mobile apps, browsers, IoT devices, and as test fixtures.",
        "Small projects.",
        "Huge multi-region clusters for write-heavy messaging.",
    ),
    (
        "db",
        "use_case:mongodb",
        "Content management systems, product catalogs and mobile backends.",
        "Apps that need a database.",
        "Financial ledgers needing strict joins and geospatial PostGIS queries.",
    ),
    (
        "db",
        "use_case:redis",
        "Session storage, leaderboards, rate limiting and job queues.",
        "Making things faster somehow.",
        "Storing the primary financial records and full-text site search.",
    ),
    (
        "db",
        "use_case:cassandra",
        "Time-series data, IoT telemetry, messaging inboxes.",
        "Big data problems.",
        "Embedded databases in browsers and unit-test fixtures.",
    ),
    (
        "db",
        "use_case:elasticsearch",
        "Site search, log analytics with Kibana, and security monitoring.",
        "Searching stuff.",
        "Session storage and rate limiting counters.",
    ),
    # --- pick -------------------------------------------------------------------------------------
    (
        "seed",
        "pick:tensorflow",
        "When I need scalable, cross-platform ML: enterprise production systems, or mobile ML apps.",
        "When it fits the project better.",
        "When I'm doing quick research experiments with dynamic architectures.",
    ),
    (
        "seed",
        "pick:keras",
        "For rapid prototyping, or when the team has beginners; it's fast prototyping inside TensorFlow.",
        "If I like it more than the others.",
        "When I need low-level control of custom CUDA kernels for research.",
    ),
    (
        "seed",
        "pick:pytorch",
        "For research and experimentation, especially NLP with HuggingFace Transformers.",
        "When the team prefers it.",
        "For mobile deployment with TF Lite in enterprise production.",
    ),
    (
        "db",
        "pick:postgresql",
        "When I need complex queries and data integrity, like financial systems or geospatial apps with PostGIS.",
        "When I need a database.",
        "When I need an in-memory cache for counters.",
    ),
    (
        "db",
        "pick:mysql",
        "For read-heavy web apps: WordPress and LAMP stacks, e-commerce sites.",
        "If the team knows it.",
        "For massive write-heavy time-series workloads across nodes.",
    ),
    (
        "db",
        "pick:sqlite",
        "For embedded and local apps: mobile apps, browsers.",
        "For some cases where it's enough.",
        "For high-concurrency servers with thousands of writers.",
    ),
    (
        "db",
        "pick:mongodb",
        "When schemas keep evolving and we want rapid development, e.g. content management or product catalogs.",
        "When NoSQL makes sense.",
        "When we need strict relational integrity and complex joins.",
    ),
    (
        "db",
        "pick:redis",
        "For caching and real-time counters, session storage, leaderboards.",
        "When speed matters.",
        "As the durable primary store for financial transactions.",
    ),
    (
        "db",
        "pick:cassandra",
        "For massive write-heavy workloads like time-series data and IoT telemetry.",
        "For scale.",
        "For a small embedded mobile app database.",
    ),
    (
        "db",
        "pick:elasticsearch",
        "For full-text search and log analytics: site search, logs with Kibana.",
        "When I need search maybe.",
        "As a strongly consistent transactional database for payments.",
    ),
    # --- model_answer -------------------------------------------------------------------------------
    (
        "seed",
        "model_answer:keras,pytorch,tensorflow",
        "TensorFlow is powerful for production and scalable deployment; PyTorch is intuitive and flexible, great for "
        "research; Keras simplifies building models on top of TensorFlow.",
        "They are all deep learning frameworks and each has strengths.",
        "PyTorch is built for production and mobile, TensorFlow is the research one, and Keras is a separate "
        "low-level library.",
    ),
    (
        "db",
        "model_answer:mysql,postgresql",
        "I'd choose PostgreSQL for complex queries, strict integrity and extensions like PostGIS, and MySQL because it's "
        "simpler to run and great for read-heavy web apps.",
        "Both are SQL databases, I'd pick whichever the team knows.",
        "MySQL has PostGIS and the strictest integrity, while PostgreSQL is only good for simple reads.",
    ),
    (
        "db",
        "model_answer:mongodb,postgresql",
        "MongoDB stores flexible JSON-like documents and scales out with sharding. PostgreSQL gives relational "
        "integrity, joins and ACID transactions, and with JSONB it covers many document use cases.",
        "One is NoSQL, the other is SQL, so it depends.",
        "MongoDB has strict joins and schemas, PostgreSQL cannot store JSON at all.",
    ),
    (
        "db",
        "model_answer:redis",
        "Redis keeps data in memory so reads and writes take microseconds; ideal as a cache or for counters. But memory "
        "limits data size and persistence is optional, so keep the source of truth in a durable database.",
        "To make the app faster.",
        "Because Redis is a durable disk-based relational store with joins that replaces your database.",
    ),
    (
        "db",
        "model_answer:cassandra",
        "Cassandra has a masterless ring, any node accepts writes, no single point of failure. It scales linearly for "
        "write-heavy time-series data; you design tables around queries and accept eventual consistency.",
        "When you have a lot of data.",
        "When you need strict ACID joins across tables on a single primary server.",
    ),
    (
        "db",
        "model_answer:elasticsearch",
        "Index the data into Elasticsearch: its Lucene inverted index makes full-text search and aggregations fast. "
        "It's near real-time and not the primary transactional store, so you index from your main database.",
        "Add a search box and a backend for it.",
        "Use Redis sorted sets as the primary transactional store for search.",
    ),
    (
        "db",
        "model_answer:sqlite",
        "SQLite is a serverless library keeping the whole database in one file, perfect for mobile apps, tests and "
        "local tools. It allows one writer at a time, so not for high-concurrency servers.",
        "It's enough for small things, not for big things.",
        "SQLite is a distributed cluster database that handles thousands of concurrent writers on servers.",
    ),
    (
        "db",
        "model_answer:cassandra,mongodb",
        "MongoDB gives rich queries and secondary indexes on documents, whereas Cassandra is optimised for huge write "
        "throughput with queries designed up front.",
        "Both are NoSQL and scale.",
        "Cassandra has the richer ad-hoc queries and secondary indexes, MongoDB is write-only.",
    ),
    (
        "db",
        "model_answer:elasticsearch,redis",
        "Redis does exact key lookups from memory, while Elasticsearch ranks fuzzy full-text matches with relevance "
        "scoring across shards.",
        "Either could work, depends on the data.",
        "Redis ranks fuzzy full-text matches by relevance while Elasticsearch only does exact key lookups.",
    ),
    (
        "db",
        "model_answer:mysql,sqlite",
        "MySQL is a client-server database serving many concurrent users over the network; SQLite is embedded in the "
        "application process with zero configuration.",
        "One is bigger than the other.",
        "SQLite is the client-server one for many users over the network, MySQL is embedded in your app process.",
    ),
    # --- curated ------------------------------------------------------------------------------------
    (
        "seed",
        "curated:eager-execution",
        "Eager execution means operations run immediately, line by line, which makes debugging easier than with "
        "static graphs. PyTorch is eager by default, and TensorFlow has been eager by default since 2.0.",
        "It's a way of running code in frameworks.",
        "Eager execution means compiling the whole graph before running; Keras is the only one that does it.",
    ),
    (
        "seed",
        "curated:onnx-export",
        "ONNX is a framework-independent model format, so you can run the model in other runtimes like ONNX Runtime, "
        "with hardware-optimised inference.",
        "To use the model somewhere else maybe.",
        "To train it faster on TPUs with TensorBoard.",
    ),
    (
        "seed",
        "curated:tensorboard",
        "TensorBoard visualises training metrics like loss and accuracy, lets you inspect the model graph and compare "
        "experiment runs.",
        "It's a TensorFlow tool.",
        "TensorBoard is the production serving server for REST requests.",
    ),
    (
        "seed",
        "curated:tf-serving",
        "Export the model as a SavedModel, then run TF Serving behind REST or gRPC; it handles versioned models so "
        "you can roll back.",
        "Put it on a server somehow.",
        "Convert it to TorchScript and host it with TorchServe.",
    ),
    (
        "seed",
        "curated:transfer-learning",
        "Transfer learning reuses a pretrained model. In Keras you load the base, freeze its layers, train a new head "
        "on your data, then fine-tune with a low learning rate.",
        "You transfer knowledge from one thing to another.",
        "You train a brand-new model from random weights on a bigger dataset.",
    ),
    (
        "db",
        "curated:acid",
        "Atomicity, consistency, isolation and durability.",
        "It's about transactions being safe.",
        "Availability, caching, indexing and distribution.",
    ),
    (
        "db",
        "curated:indexes",
        "An index makes lookups faster because you avoid full table scans, but writes get slower and it takes extra "
        "storage.",
        "It makes queries better.",
        "An index is a backup copy of the table that makes writes faster and saves storage.",
    ),
    (
        "db",
        "curated:redis-cache",
        "Cache-aside: read the cache first, fall back to the database on a miss. Set a TTL so entries expire, "
        "invalidate on writes, and configure an LRU eviction policy.",
        "Store things in it so they're quicker.",
        "Use Redis as the only database and never expire anything.",
    ),
    (
        "db",
        "curated:sharding",
        "Sharding splits data across machines by a shard key, which scales writes and storage horizontally; you pick "
        "a key that spreads load evenly.",
        "It's a scaling thing.",
        "Sharding means making a single bigger server with more RAM.",
    ),
    (
        "db",
        "curated:cap",
        "CAP is consistency, availability and partition tolerance: during a network partition you must choose "
        "consistency or availability. Cassandra favours availability.",
        "It's a theorem about databases.",
        "CAP means caching, authentication and performance; Cassandra guarantees all three.",
    ),
)
