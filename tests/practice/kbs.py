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
    "production": ("Production", ("Strong (TF Serving, etc.)", "Medium (via TF backend)",
                                  "Growing (TorchServe, ONNX)")),
    "community": ("Community", ("Large + enterprise-ready", "Built into TF", "Huge in research")),
    "deployment": ("Deployment", ("TF Lite, TF Serving, XLA", "Same as TensorFlow", "TorchScript, ONNX")),
    "best_for": ("Best For", ("Scalable, cross-platform ML", "Rapid prototyping", "Research + experimentation")),
}


def seed_kb(curated: tuple[Question, ...] = ()) -> KnowledgeBase:
    order = ("tensorflow", "keras", "pytorch")
    topics = {
        "tensorflow": Topic("tensorflow", "TensorFlow", ("tf",),
                            "TensorFlow is an open-source deep learning framework developed by Google, widely "
                            "used in both research and production for building scalable ML models."),
        "keras": Topic("keras", "Keras", ("tf.keras",),
                       "Keras is a high-level API for building neural networks, integrated tightly with "
                       "TensorFlow since TF 2.0, known for its simplicity and ease of use."),
        "pytorch": Topic("pytorch", "PyTorch", ("torch",),
                         "PyTorch is a flexible and intuitive deep learning framework developed by Facebook, "
                         "popular in research and now widely adopted in production too."),
    }
    facts = (
        Fact("tensorflow", "developer", "Google"),
        Fact("tensorflow", "language", "Python (with C++ backend)"),
        Fact("tensorflow", "features", "Graph-based computation (TF 1.x), eager execution (TF 2.x)"),
        Fact("tensorflow", "features", "Strong ecosystem: TensorBoard, TF Lite, TF Serving, TF Hub"),
        Fact("tensorflow", "features", "Scalable deployment: mobile, edge (via TFLite), server (via TF Serving)"),
        Fact("tensorflow", "features", "Production-focused (especially with TF Extended and Vertex AI)"),
        Fact("keras", "developer", "Originally developed as an independent project (by François Chollet)"),
        Fact("keras", "features", "Now part of TensorFlow (tf.keras)"),
        Fact("keras", "features", "Focus: rapid prototyping, minimal boilerplate, intuitive layer-based design"),
        Fact("keras", "features", "Not a full framework — it's an API built on top of TensorFlow "
                                  "(or Theano/others historically)"),
        Fact("pytorch", "developer", "Meta (Facebook)"),
        Fact("pytorch", "language", "Python-first with dynamic computation graphs"),
        Fact("pytorch", "features", "Dynamic computation (define-by-run model, easier debugging)"),
        Fact("pytorch", "features", "Strong support for NLP (used by HuggingFace)"),
        Fact("pytorch", "features", "Increasing production features: TorchScript, TorchServe, ONNX export"),
        Fact("pytorch", "features", "Widely used in research and academia due to flexibility and Pythonic design"),
    )
    cells = {(a, t): Cell(v) for a, (_l, values) in SEED_TABLE.items() for t, v in zip(order, values, strict=True)}
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
        "with NLP and vision models.”", topics=order)
    return KnowledgeBase(topics=topics, aspects=aspects, facts=facts, cells=cells, use_cases=uses,
                         model_answers=(model,), questions=curated)
