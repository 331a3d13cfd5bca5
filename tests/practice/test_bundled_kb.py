"""The practice features on the bundled knowledge base (documents + curated questions as loaded)."""

from __future__ import annotations

import pytest

import knowledge
from bot.grading import grade
from bot.questionbank import QuestionBank
from knowledge.model import KnowledgeBase

# (question id, good, vague, wrong), written as candidates would answer.
CURATED = (
    ("pt-autograd",
     "Every tensor with requires_grad tracks the operations applied to it, building a graph in the forward pass. "
     "Calling loss.backward() walks that graph with the chain rule and stores gradients in .grad, which "
     "accumulate, so you call zero_grad each step.",
     "It computes gradients automatically for you.",
     "Autograd is PyTorch's tool for loading images from disk in parallel batches."),
    ("keras-callbacks",
     "Callbacks are hooks called during training, e.g. at epoch end: EarlyStopping when val loss stops "
     "improving, ModelCheckpoint to keep the best weights, ReduceLROnPlateau to lower the learning rate, and the "
     "TensorBoard callback for logging.",
     "They are functions that get called back.",
     "Callbacks are the layers you stack in a Sequential model, like Dense and Conv2D."),
    ("cmp-tf-vs-pt",
     "I'd pick TensorFlow when production and scalable deployment matter, with TF Serving and TF Lite. PyTorch is "
     "flexible, intuitive and dominant in research thanks to define-by-run dynamic graphs. These days both run "
     "eagerly so the gap is smaller.",
     "Both are good, it depends on the team.",
     "TensorFlow is the research favourite with dynamic graphs, PyTorch is for mobile with TF Lite."),
    ("tf-graph-vs-eager",
     "TF1 built a static graph and ran it in a session; TF2 runs eagerly by default like normal Python, which is "
     "easier to debug. tf.function traces code back into a graph for speed and export, and XLA can optimise it.",
     "The way code runs changed between versions.",
     "TF 2 removed eager mode and now requires sessions for everything."),
    ("pt-origin",
     "PyTorch comes from Meta's AI research lab (Facebook), released in 2016 and based on the older Lua Torch "
     "library. It's now under the PyTorch Foundation.",
     "A big tech company made it some years ago.",
     "Google Brain developed it in 2015 as the successor of Theano."),
    ("tf-lite-mobile",
     "Convert it with the TF Lite converter, use quantization to shrink the model and speed it up, and run it "
     "on-device on the phone, so there's no network round trip and data stays on the device.",
     "Make the model small and put it in the app.",
     "Use TF Serving on a GPU server and call it over gRPC from the phone."),
)
GENERATED = (
    ("aspect:pytorch:deployment", "You script it with TorchScript or export it to ONNX.",
     "It can be deployed in many ways.", "PyTorch deploys with TF Lite and TF Serving."),
    ("compare:keras,pytorch:production",
     "Keras is medium for production, it relies on the TF backend, while PyTorch is growing with TorchServe and ONNX.",
     "Both are used in production.", "Keras has TorchServe and ONNX; PyTorch goes via the TF backend."),
    ("definition:pytorch",
     "PyTorch is a deep learning framework from Meta (Facebook), used for research and experimentation and "
     "for NLP with HuggingFace Transformers.",
     "It's a library for neural networks.",
     "PyTorch is Google's static-graph framework for mobile apps."),
)


@pytest.fixture(scope="module")
def bundled() -> tuple[KnowledgeBase, QuestionBank]:
    kb = knowledge.load(None)
    if not kb.topics:
        pytest.skip("no bundled knowledge documents")
    return kb, QuestionBank.build(kb)


@pytest.mark.parametrize(("qid", "good", "vague", "wrong"), CURATED + GENERATED, ids=[c[0] for c in CURATED + GENERATED])
def test_good_beats_vague_and_wrong_on_the_bundled_questions(bundled: tuple[KnowledgeBase, QuestionBank], qid: str,
                                                              good: str, vague: str, wrong: str) -> None:
    kb, bank = bundled
    question = bank.get(qid)
    if question is None:
        pytest.skip(f"{qid} is no longer in the bundled questions")
    good_score, vague_score, wrong_score = (grade(question, a, kb).score for a in (good, vague, wrong))
    assert good_score >= max(vague_score, wrong_score) + 35, (good_score, vague_score, wrong_score)


def test_the_bundled_bank_has_every_kind(bundled: tuple[KnowledgeBase, QuestionBank]) -> None:
    _kb, bank = bundled
    assert {q.kind for q in bank.questions} >= {"definition", "aspect", "compare", "use_case", "pick",
                                                 "model_answer", "curated"}
    assert all(q.key_points for q in bank.questions)
