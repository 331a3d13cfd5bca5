"""Answers labelled 0-5 the way a fair human grader would, written before the grader was tuned.

Several people's ways of answering the same question: good in other words, partial, vague, wrong,
negated, a bare keyword list, the question copied back. (kb, question id, answer, label). "bundled"
is the shipped knowledge base (`prepbot questions --json`); "sdp" and "attrs" are questions written
for two documents under ../shared/realdocs (tests/bot/practice/data/grading_docs.yaml).
Labels: 5 complete and right, 4 right with a small gap, 3 half, 2 a little, 1 vague/barely, 0 wrong.
"""

from __future__ import annotations

LABELLED: tuple[tuple[str, str, str, int], ...] = (
    # --- bundled: pt-define-by-run -------------------------------------------------------------
    (
        "bundled",
        "pt-define-by-run",
        "The graph is built on the fly as the code runs, on every forward pass, so plain Python loops and if "
        "statements just work and you can debug with print or pdb. That flexibility is why researchers and people "
        "experimenting with new architectures like it.",
        5,
    ),
    (
        "bundled",
        "pt-define-by-run",
        "It means PyTorch records the operations while your forward function executes, so the graph can differ "
        "each call. You can branch with normal Python and step through with a debugger, which is handy for research.",
        5,
    ),
    (
        "bundled",
        "pt-define-by-run",
        "The graph is dynamic, built while the model runs. Researchers like it.",
        3,
    ),
    (
        "bundled",
        "pt-define-by-run",
        "It's about how PyTorch defines things when it runs, researchers find it nice.",
        1,
    ),
    (
        "bundled",
        "pt-define-by-run",
        "You define a static graph up front, compile it in a session and only then run it.",
        0,
    ),
    (
        "bundled",
        "pt-define-by-run",
        "The graph is not built while the code runs, and control flow does not work inside the model.",
        0,
    ),
    (
        "bundled",
        "pt-define-by-run",
        "dynamic graph, forward pass, control flow, loops, debugger, research",
        2,
    ),
    ("bundled", "pt-define-by-run", "Define-by-run in PyTorch is why researchers like it.", 0),
    # --- bundled: keras-what-is ----------------------------------------------------------------
    (
        "bundled",
        "keras-what-is",
        "Keras is a high-level API for building neural networks. It isn't a complete framework by itself: it's "
        "bundled inside TF as tf.keras. François Chollet started it as a separate project.",
        5,
    ),
    (
        "bundled",
        "keras-what-is",
        "A friendly front end for defining and training deep nets, shipped as part of TensorFlow (tf.keras); the "
        "heavy lifting happens in TensorFlow underneath.",
        4,
    ),
    ("bundled", "keras-what-is", "Keras is a high level neural network API.", 2),
    ("bundled", "keras-what-is", "It's a library related to TensorFlow, people use it a lot.", 1),
    ("bundled", "keras-what-is", "Keras is a competitor of TensorFlow made by Facebook for research.", 0),
    (
        "bundled",
        "keras-what-is",
        "high-level API, neural networks, tf.keras, Chollet, independent project",
        2,
    ),
    # --- bundled: cmp-keras-in-tf --------------------------------------------------------------
    (
        "bundled",
        "cmp-keras-in-tf",
        "No. Keras ships inside TensorFlow as tf.keras. It is the high-level API you build models with, while "
        "TensorFlow is the whole framework that does the computation and the deployment.",
        5,
    ),
    (
        "bundled",
        "cmp-keras-in-tf",
        "Not really, it's part of TF now: tf.keras is the easy layer on top, TF does the number crunching and serving.",
        4,
    ),
    ("bundled", "cmp-keras-in-tf", "No, they work together.", 2),
    (
        "bundled",
        "cmp-keras-in-tf",
        "Yes, Keras competes with TensorFlow and they have nothing to do with each other.",
        0,
    ),
    # --- bundled: tf-lite-mobile ---------------------------------------------------------------
    (
        "bundled",
        "tf-lite-mobile",
        "TF Lite: convert the model with the TFLite converter, quantize it to int8 so it gets smaller and quicker, "
        "and run it on the phone itself, so no network is needed and user data never leaves the device.",
        5,
    ),
    (
        "bundled",
        "tf-lite-mobile",
        "TensorFlow Lite. You turn the model into a .tflite file and it executes locally on the handset, offline.",
        3,
    ),
    ("bundled", "tf-lite-mobile", "Something like TensorFlow for mobile I think.", 1),
    ("bundled", "tf-lite-mobile", "Use TF Serving on a server and call it over gRPC from the app.", 0),
    ("bundled", "tf-lite-mobile", "TF Lite converter quantization on-device mobile edge offline", 2),
    # --- bundled: pt-training-loop -------------------------------------------------------------
    (
        "bundled",
        "pt-training-loop",
        "Put the model in train mode, loop over the DataLoader batch by batch, run the forward pass and compute the "
        "loss, call optimizer.zero_grad() and loss.backward(), then optimizer.step() to update the weights; switch to "
        "eval mode for validation.",
        5,
    ),
    (
        "bundled",
        "pt-training-loop",
        "For each batch: predict, work out the loss, clear old gradients, backpropagate, and let the optimizer adjust "
        "the parameters.",
        4,
    ),
    ("bundled", "pt-training-loop", "You loop over the data and train the model until it's good.", 1),
    ("bundled", "pt-training-loop", "Call model.fit(x, y, epochs=10) and it handles everything.", 0),
    # --- bundled: keras-overfitting ------------------------------------------------------------
    (
        "bundled",
        "keras-overfitting",
        "That's overfitting. I'd add dropout or L2 regularization, augment the data or collect more, use "
        "EarlyStopping on val loss, and try a smaller network.",
        5,
    ),
    (
        "bundled",
        "keras-overfitting",
        "The network is memorising the training set. Stop training once validation loss stops going down, and add "
        "some dropout.",
        4,
    ),
    ("bundled", "keras-overfitting", "It is overfitting.", 2),
    (
        "bundled",
        "keras-overfitting",
        "Train it for more epochs and make the model bigger so it learns more.",
        0,
    ),
    # --- bundled: definition:pytorch -----------------------------------------------------------
    (
        "bundled",
        "definition:pytorch",
        "PyTorch is Meta's deep learning framework, out since 2016. It's the favourite for research and trying new "
        "ideas, and most NLP work runs on it through HuggingFace Transformers.",
        5,
    ),
    ("bundled", "definition:pytorch", "A deep learning library from Facebook that researchers use.", 4),
    ("bundled", "definition:pytorch", "A Python thing for AI.", 1),
    ("bundled", "definition:pytorch", "PyTorch is Google's framework for production on mobile.", 0),
    # --- bundled: tf-xla -----------------------------------------------------------------------
    (
        "bundled",
        "tf-xla",
        "XLA is a linear algebra compiler: it fuses many small ops into fewer kernels, so there's less memory "
        "traffic and training and inference get faster. You turn it on with jit_compile=True in tf.function.",
        5,
    ),
    ("bundled", "tf-xla", "It compiles the graph and merges operations so the model runs quicker.", 4),
    ("bundled", "tf-xla", "It makes models faster.", 1),
    ("bundled", "tf-xla", "XLA is the TensorFlow format for saving models to disk.", 0),
    # --- system-design-primer-database ---------------------------------------------------------
    (
        "sdp",
        "doc-db-acid",
        "Atomicity: all or nothing. Consistency: a transaction takes the database from one valid state to another. "
        "Isolation: concurrent transactions act as if they ran serially. Durability: once committed it stays committed.",
        5,
    ),
    (
        "sdp",
        "doc-db-acid",
        "A transaction either fully happens or not at all, the rules of the data always hold, parallel transactions "
        "don't see each other's half-done work, and committed data survives a crash.",
        5,
    ),
    ("sdp", "doc-db-acid", "Atomicity, consistency, isolation, durability.", 2),
    ("sdp", "doc-db-acid", "It's about transactions being safe.", 1),
    ("sdp", "doc-db-acid", "Availability, caching, indexing and distribution.", 0),
    ("sdp", "doc-db-acid", "Atomicity means all or nothing and durability means committed data is kept.", 3),
    (
        "sdp",
        "doc-db-master-slave",
        "The master handles reads and writes and replicates writes to slaves that serve only reads. If the master "
        "dies you can still read until a slave is promoted or a new master is set up.",
        5,
    ),
    (
        "sdp",
        "doc-db-master-slave",
        "One primary takes all the writes and copies them to read replicas. When the primary is down you're stuck "
        "in read-only mode until you promote a replica.",
        5,
    ),
    ("sdp", "doc-db-master-slave", "There is a main database and copies of it.", 1),
    ("sdp", "doc-db-master-slave", "Both nodes accept writes and resolve conflicts between each other.", 0),
    ("sdp", "doc-db-master-slave", "master reads writes slaves reads promoted", 1),
    (
        "sdp",
        "doc-db-master-slave",
        "The master does not serve reads, and when it fails the whole system stops until it is back.",
        0,
    ),
    (
        "sdp",
        "doc-db-sharding",
        "Sharding splits the data over several databases so each only holds part of it. Each one gets less traffic, "
        "indexes are smaller and queries faster. Downsides: the app must know which shard to use, shards can get "
        "unbalanced and rebalancing is painful, and joins across shards are hard.",
        5,
    ),
    (
        "sdp",
        "doc-db-sharding",
        "You partition users across many DB servers, say by region. It spreads the load, but cross-shard joins get "
        "messy and some shards can end up much hotter than others.",
        4,
    ),
    ("sdp", "doc-db-sharding", "Splitting the database into pieces.", 2),
    ("sdp", "doc-db-sharding", "Sharding copies the whole database to every server so reads are faster.", 0),
    (
        "sdp",
        "doc-db-denormalization",
        "To speed up reads at the cost of slower writes: you keep redundant copies of data so you don't need "
        "expensive joins, which is worth it because reads vastly outnumber writes.",
        5,
    ),
    (
        "sdp",
        "doc-db-denormalization",
        "So reads are quicker, you duplicate data instead of joining tables.",
        4,
    ),
    ("sdp", "doc-db-denormalization", "For performance.", 1),
    ("sdp", "doc-db-denormalization", "To remove duplicate data and save disk space.", 0),
    ("sdp", "doc-db-denormalization", "Why would you denormalize a relational database?", 0),
    # --- attrs-why-not -------------------------------------------------------------------------
    (
        "attrs",
        "doc-attrs-pydantic",
        "Pydantic is really a validation and coercion library. In the domain layer it would re-validate data you "
        "already trust, like your own DB rows, and it lets your web API's shape dictate your business objects. attrs "
        "just builds good classes; use cattrs for structuring and validation.",
        5,
    ),
    (
        "attrs",
        "doc-attrs-pydantic",
        "Pydantic is meant for checking untrusted input at the edges. Checking trusted data again is wasted work, "
        "and you don't want your API schema to drive your core model design.",
        4,
    ),
    ("attrs", "doc-attrs-pydantic", "Pydantic is slower I think.", 1),
    (
        "attrs",
        "doc-attrs-pydantic",
        "Pydantic cannot validate data, so attrs is the better validation library.",
        0,
    ),
    ("attrs", "doc-attrs-pydantic", "validation, coercion, trusted database, web API, cattrs", 2),
    (
        "attrs",
        "doc-attrs-dataclasses",
        "Data classes are simpler on purpose and lack features attrs has, like validators and converters. attrs also "
        "cares more about developer experience, e.g. debugging generated methods, and doesn't force type annotations.",
        5,
    ),
    ("attrs", "doc-attrs-dataclasses", "attrs has more features, such as validators and converters.", 3),
    ("attrs", "doc-attrs-dataclasses", "attrs is better.", 1),
    (
        "attrs",
        "doc-attrs-dataclasses",
        "Data classes have many more features than attrs, which is deprecated.",
        0,
    ),
)
