"""The practice features on the bundled knowledge base (documents + curated questions as loaded)."""

from __future__ import annotations

import pytest

import knowledge
from bot.practice.bank import QuestionBank
from bot.practice.grading import grade
from knowledge.model import KnowledgeBase

# (question id, good, vague, wrong), written as candidates would answer.
CURATED = (
    (
        "pt-autograd",
        "Every tensor with requires_grad tracks the operations applied to it, building a graph in the forward pass. "
        "Calling loss.backward() walks that graph with the chain rule and stores gradients in .grad, which "
        "accumulate, so you call zero_grad each step.",
        "It computes gradients automatically for you.",
        "Autograd is PyTorch's tool for loading images from disk in parallel batches.",
    ),
    (
        "keras-callbacks",
        "Callbacks are hooks called during training, e.g. at epoch end: EarlyStopping when val loss stops "
        "improving, ModelCheckpoint to keep the best weights, ReduceLROnPlateau to lower the learning rate, and the "
        "TensorBoard callback for logging.",
        "They are functions that get called back.",
        "Callbacks are the layers you stack in a Sequential model, like Dense and Conv2D.",
    ),
    (
        "cmp-tf-vs-pt",
        "I'd pick TensorFlow when production and scalable deployment matter, with TF Serving and TF Lite. PyTorch is "
        "flexible, intuitive and dominant in research thanks to define-by-run dynamic graphs. These days both run "
        "eagerly so the gap is smaller.",
        "Both are good, it depends on the team.",
        "TensorFlow is the research favourite with dynamic graphs, PyTorch is for mobile with TF Lite.",
    ),
    (
        "tf-graph-vs-eager",
        "TF1 built a static graph and ran it in a session; TF2 runs eagerly by default like normal Python, which is "
        "easier to debug. tf.function traces code back into a graph for speed and export, and XLA can optimise it.",
        "The way code runs changed between versions.",
        "TF 2 removed eager mode and now requires sessions for everything.",
    ),
    (
        "pt-origin",
        "PyTorch comes from Meta's AI research lab (Facebook), released in 2016 and based on the older Lua Torch "
        "library. It's now under the PyTorch Foundation.",
        "A big tech company made it some years ago.",
        "Google Brain developed it in 2015 as the successor of Theano.",
    ),
    (
        "tf-lite-mobile",
        "Convert it with the TF Lite converter, use quantization to shrink the model and speed it up, and run it "
        "on-device on the phone, so there's no network round trip and data stays on the device.",
        "Make the model small and put it in the app.",
        "Use TF Serving on a GPU server and call it over gRPC from the phone.",
    ),
)
GENERATED = (
    (
        "aspect:pytorch:deployment",
        "You script it with TorchScript or export it to ONNX.",
        "It can be deployed in many ways.",
        "PyTorch deploys with TF Lite and TF Serving.",
    ),
    (
        "compare:keras,pytorch:production",
        "Keras is medium for production, it relies on the TF backend, while PyTorch is growing with TorchServe and ONNX.",
        "Both are used in production.",
        "Keras has TorchServe and ONNX; PyTorch goes via the TF backend.",
    ),
    (
        "definition:pytorch",
        "PyTorch is a deep learning framework from Meta (Facebook), used for research and experimentation and "
        "for NLP with HuggingFace Transformers.",
        "It's a library for neural networks.",
        "PyTorch is Google's static-graph framework for mobile apps.",
    ),
)

# Phrased freely, not from the key points.
MORE = (
    (
        "aspect:tensorflow:api_type",
        "TensorFlow gives you both: low-level ops like tf.GradientTape and high-level Keras APIs.",
        "It has an API you can call.",
        "TensorFlow only has a high-level API, you can't do anything low level.",
    ),
    (
        "aspect:keras:api_type",
        "Only high-level; you work with layers and models, not raw tensors.",
        "It's an API.",
        "Keras is a low-level tensor library like NumPy.",
    ),
    (
        "aspect:pytorch:api_type",
        "Both low- and high-level: raw tensors and autograd, plus nn.Module for higher level building blocks.",
        "Python API.",
        "PyTorch is high-level only, like Keras.",
    ),
    (
        "aspect:tensorflow:community",
        "Huge, enterprise-heavy community with lots of corporate adoption.",
        "People use it.",
        "Its community is tiny and mostly academic.",
    ),
    (
        "aspect:pytorch:community",
        "It's the biggest in research, most papers ship PyTorch code.",
        "There's a community.",
        "PyTorch has a small enterprise-only community.",
    ),
    (
        "aspect:keras:community",
        "Keras lives inside TF now, so it shares TensorFlow's community.",
        "It has users.",
        "Keras has its own separate huge research community independent from everything.",
    ),
    (
        "aspect:tensorflow:production",
        "Very strong: TF Serving, TFX and Vertex AI make production deployment mature.",
        "It works in production.",
        "TensorFlow is weak in production, it's for research only.",
    ),
    (
        "aspect:pytorch:production",
        "Getting better - TorchServe for serving and ONNX export for other runtimes.",
        "You can use it in production.",
        "PyTorch can't be used in production at all.",
    ),
    (
        "aspect:keras:execution_mode",
        "Eager by default, through the TensorFlow backend.",
        "It runs your model.",
        "Keras compiles static graphs with no eager mode.",
    ),
    (
        "aspect:tensorflow:best_for",
        "Scalable ML that has to run across platforms: servers, mobile, browser.",
        "Machine learning.",
        "Quick research prototypes.",
    ),
    (
        "aspect:pytorch:best_for",
        "Research and experimenting with new model ideas.",
        "Deep learning.",
        "Mobile deployment at enterprise scale.",
    ),
    (
        "aspect:tensorflow:deployment",
        "TF Serving for servers, TFLite for phones and edge, and XLA to compile.",
        "You can deploy it.",
        "You deploy TensorFlow with TorchServe and TorchScript.",
    ),
    (
        "compare:pytorch,tensorflow:api_type",
        "Both go from low-level to high-level: TF with tf ops up to Keras, PyTorch from tensors up to nn.Module.",
        "Both have APIs.",
        "TensorFlow is high-level only and PyTorch is low-level only.",
    ),
    (
        "compare:keras,pytorch:execution_mode",
        "Keras runs eagerly via TensorFlow; PyTorch is eager with dynamic graphs.",
        "They execute differently.",
        "Keras uses dynamic graphs natively and PyTorch uses static graphs.",
    ),
    (
        "compare:keras,tensorflow:community",
        "TensorFlow has a large enterprise community and Keras is part of it, since it's built into TF.",
        "Both have communities.",
        "Keras's community is bigger and totally separate from TensorFlow's.",
    ),
    (
        "compare:keras,pytorch,tensorflow:best_for",
        "TensorFlow for scalable cross-platform ML, Keras for rapid prototyping, PyTorch for research and experimentation.",
        "Each one is best at different things.",
        "TensorFlow for research, Keras for production at scale, PyTorch for beginners.",
    ),
    (
        "compare:pytorch,tensorflow:deployment",
        "TensorFlow: TF Lite, TF Serving, XLA. PyTorch: TorchScript and ONNX.",
        "Both can be deployed.",
        "TensorFlow uses ONNX and TorchScript, PyTorch uses TF Lite.",
    ),
    (
        "definition:tensorflow",
        "An open-source framework by Google for building and deploying ML models at scale, from servers to mobile.",
        "A library for AI.",
        "A JavaScript UI library from Facebook.",
    ),
    (
        "use_case:pytorch",
        "Research work, NLP with Transformers, computer vision research and fine-tuning LLMs.",
        "General deep learning.",
        "Mostly mobile apps and browser ML.",
    ),
    (
        "use_case:keras",
        "Teaching, beginners, and quickly building baseline models and prototypes.",
        "Neural networks.",
        "Large-scale distributed production pipelines.",
    ),
    (
        "pick:tensorflow",
        "When the model must run in production at scale or on mobile devices, like enterprise systems.",
        "When it suits.",
        "For quick academic experiments with dynamic graphs.",
    ),
    (
        "model_answer:keras,pytorch,tensorflow",
        "TensorFlow is great for production and scaling deployments, PyTorch is more intuitive and flexible so researchers prefer it, and Keras sits on top of TensorFlow to make model building simple.",
        "All three are good frameworks.",
        "PyTorch is the production choice, TensorFlow is for researchers, and Keras is a separate low-level engine.",
    ),
    (
        "keras-sequential-vs-functional",
        "Sequential for a simple stack of layers, the functional API when you have multiple inputs/outputs or branches, and subclassing Model for fully custom forward logic. It's a trade-off between simplicity and flexibility.",
        "There are different ways to build models.",
        "Sequential is for GANs, functional for simple stacks, and subclassing is deprecated.",
    ),
    (
        "pt-training-loop",
        "Loop over the DataLoader in batches, run the forward pass, compute the loss, call optimizer.zero_grad(), loss.backward(), then optimizer.step(). Switch model.train() and model.eval() for training vs evaluation.",
        "You train it over the data a few times.",
        "You call model.fit() and Keras handles everything.",
    ),
    (
        "tf-savedmodel",
        "A SavedModel stores the graph together with the weights and serving signatures, so it can be loaded without the Python code - it's what TF Serving and the TFLite converter read.",
        "It's a saved model file.",
        "A SavedModel only stores weights in a checkpoint, you need the Python class to load it.",
    ),
    (
        "pt-multi-gpu",
        "Use DistributedDataParallel with one process per GPU; gradients get all-reduced, DistributedSampler splits the data, launch with torchrun, and FSDP if the model doesn't fit on one GPU.",
        "Use more GPUs.",
        "Just call model.cuda() and PyTorch uses all GPUs automatically.",
    ),
    (
        "keras-overfitting",
        "It's overfitting: add dropout or L2 regularization, use data augmentation or more data, early stopping on val loss, or make the model smaller.",
        "Tune it more.",
        "It's underfitting, so train longer with a bigger model and no validation.",
    ),
    (
        "tf-xla",
        "XLA is a linear algebra compiler that fuses ops into fewer kernels, cutting memory traffic so training and inference get faster; you turn it on with jit_compile in tf.function.",
        "It optimizes things.",
        "XLA is TensorFlow's data loading library for images.",
    ),
    (
        "cmp-keras-in-tf",
        "No - Keras ships inside TensorFlow as tf.keras. Keras is the high-level API for building models, TensorFlow is the full framework doing the computation and deployment.",
        "They're related.",
        "Yes, Keras is Meta's competitor to TensorFlow.",
    ),
    (
        "cmp-debugging-experience",
        "PyTorch, because define-by-run means you can use a normal Python debugger. TF 1.x static graphs were painful, though TF 2 eager mode closed much of the gap.",
        "Depends on experience.",
        "TensorFlow 1.x, since static graphs are the easiest to step through.",
    ),
)


@pytest.fixture(scope="module")
def bundled() -> tuple[KnowledgeBase, QuestionBank]:
    kb = knowledge.load(None)
    if not kb.topics:
        pytest.skip("no bundled knowledge documents")
    return kb, QuestionBank.build(kb)


ALL = CURATED + GENERATED + MORE


def _scores(bundled: tuple[KnowledgeBase, QuestionBank], qid: str, *answers: str) -> tuple[str, list[int]]:
    kb, bank = bundled
    question = bank.get(qid)
    if question is None:
        pytest.skip(f"{qid} is no longer in the bundled questions")
    return question.kind, [grade(question, a, kb).score for a in answers]


@pytest.mark.parametrize(("qid", "good", "vague", "wrong"), ALL, ids=[c[0] for c in ALL])
def test_good_beats_vague_and_wrong_on_the_bundled_questions(
    bundled: tuple[KnowledgeBase, QuestionBank], qid: str, good: str, vague: str, wrong: str
) -> None:
    _kind, (good_score, vague_score, wrong_score) = _scores(bundled, qid, good, vague, wrong)
    assert good_score > max(vague_score, wrong_score), (good_score, vague_score, wrong_score)


def test_the_margin_averages_35_points_per_kind(bundled: tuple[KnowledgeBase, QuestionBank]) -> None:
    margins: dict[str, list[int]] = {}
    for qid, good, vague, wrong in ALL:
        kind, (good_score, vague_score, wrong_score) = _scores(bundled, qid, good, vague, wrong)
        margins.setdefault(kind, []).extend([good_score - vague_score, good_score - wrong_score])
    averages = {kind: sum(v) / len(v) for kind, v in margins.items()}
    assert all(avg >= 35 for avg in averages.values()), averages


def test_the_bundled_bank_has_every_kind(bundled: tuple[KnowledgeBase, QuestionBank]) -> None:
    _kb, bank = bundled
    assert {q.kind for q in bank.questions} >= {
        "definition",
        "aspect",
        "compare",
        "use_case",
        "pick",
        "model_answer",
        "curated",
    }
    assert all(q.key_points for q in bank.questions)
