"""Generic English phrasings the matcher recognises: aspect concepts, intent cues, command words.

Data only, and no subject knowledge: topic names come from the knowledge base. A concept lends its
phrasings to whichever knowledge-base aspect its names resemble (a "Scalability" row gets "does it
scale"), so a document with other row labels still benefits.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.intents import Command, Intent


@dataclass(frozen=True, slots=True)
class Concept:
    id: str
    names: tuple[str, ...]  # how a table row about it may be labelled
    phrases: tuple[str, ...]  # how people ask about it; "!" marks a decisive phrase, "?" a weak hint


def _c(concept_id: str, names: str, phrases: str) -> Concept:
    return Concept(
        concept_id, tuple(n.strip() for n in names.split("|")), tuple(p.strip() for p in phrases.split("|"))
    )


ASPECT_CONCEPTS: tuple[Concept, ...] = (
    _c(
        "ease_of_use",
        "ease of use|usability|learning curve|simplicity|ease of learning|developer experience|"
        "beginner friendliness|ease|complexity|difficulty|operational complexity|effort|setup effort|"
        "ease of setup|setup complexity|learning effort",
        "easy to learn|easy to use|easy to pick up|hard to learn|hard to use|difficult to learn|"
        "learning curve|"
        "beginner friendly|user friendly|newbie friendly|simple to use|how easy|how hard|how difficult|"
        "intuitive|"
        "steep|easy|easier|hard|harder|difficult|complicated|complex|complexity|simple to use|simplicity|"
        "usability|ease of use|pick up|"
        "simple|simpler|simplest|straightforward|!to learn|!to pick up|"
        "get started|getting started|ease|beginner|beginners|newbie|newbies|novice|novices",
    ),
    _c(
        "api_type",
        "api type|api|api level|abstraction level|interface|level of abstraction|api style",
        "low level|high level|low level or high level|level of abstraction|abstraction|api type|api style|"
        "kind of api|type of api|what api|api level|api|functional api|object oriented api",
    ),
    _c(
        "execution_mode",
        "execution mode|execution|execution model|computation graph|graph mode|runtime model",
        "eager|eager mode|graph mode|eager or graph|eager execution|static graph|dynamic graph|static graphs|"
        "dynamic graphs|define by run|computation graph|static or dynamic|execution mode|execution|graphs|"
        "graph",
    ),
    _c(
        "production",
        "production|production readiness|production ready|enterprise|enterprise readiness",
        "!production ready|!ready for production|in production|production|!production grade|enterprise|"
        "enterprise ready|battle tested|used in production|prod ready|for prod|in prod|use in prod|"
        "use it in prod|run in prod|!use in production|!use it in production",
    ),
    _c(
        "community",
        "community|ecosystem|community support|popularity|adoption|community and ecosystem",
        "community|ecosystem|community support|ecosystem support|popularity|adoption|how big is the "
        "community|user base|third party|libraries available|plugins|contributors|?support|?popular|"
        "anyone still use|still popular|widely used|widely adopted",
    ),
    _c(
        "deployment",
        "deployment|deploy|serving|deployment options|hosting|shipping",
        "!ship to prod|!ship to production|ship it|!deploy|!deployment|!deploying|!deployed|!serve|!serving|"
        "put into production|put in production|go live|run on mobile|run on a phone|edge devices|export|"
        "host|hosting|get to prod|push to prod|into prod|to prod|shipping|mobile|phone|phones|on device|"
        "!into production|!to production|!get it into production|!take to production|!move to production|"
        "edge|embedded|browser|devices|onnx|export|exporting|inference server|model serving|?run on|?runs on|"
        "microcontroller|microcontrollers|iot|raspberry pi|on the edge|serverless|android|ios",
    ),
    _c(
        "best_for",
        "best for|ideal for|good for|use it for|recommended for|strengths|sweet spot|best suited",
        "best for|good at|best at|good for|ideal for|great for|strength|strengths|excel at|excels at|"
        "shine|shines|sweet spot|best suited|suited for|strong point|strong points|what is it best|"
        "when to use|when should i use|when would i use|when do i use|when should you use|when would you use|"
        "when would you pick|when to pick|when should i pick|when to choose|when would you choose|"
        "when should i choose|when is it the right choice",
    ),
    _c(
        "developer",
        "developer|developed by|creator|created by|maintainer|vendor|company|made by|owner|provider|"
        "author|origin",
        "who made|who makes|who created|who creates|who built|who develops|who developed|who wrote|"
        "who maintains|who is behind|who owns|who runs|who came up with|came up with|come up with|"
        "who thought of|who proposed|who defined|who introduced|who operates|who sells|"
        "who is responsible for|who invented|who designed|made by|created by|developed by|"
        "built by|maintained by|backed by|owned by|developer|developers|creator|creators|company behind|"
        "which company|what company|maintainer|author|invented|invent|origin|come from|comes from",
    ),
    _c(
        "language",
        "language|written in|implementation language|programming language|implemented in",
        "what language|which language|written in|programming language|implemented in|coded in|?built in|"
        "language is it|language written|languages|language|programmed in|source language|"
        "built in what|what is it built in|what was it built in",
    ),
    _c(
        "features",
        "features|key features|core features|capabilities|functionality|feature set",
        "features|feature|key features|core features|main features|capabilities|capability|functionality|"
        "what can it do|what does it offer|offer|feature set|what does it have|special about|"
        "what makes it special|stand out|stands out",
    ),
    _c(
        "use_cases",
        "use cases|example use cases|applications|uses|typical uses|use case",
        "used for|use case|use cases|uses of|applications|application|real world|"
        "examples|example|typical use|typical uses|people use it for|what do people use|used in|"
        "people use for|folks use for|teams use for|companies use for|usually used for|"
        "typically used for|mostly used for|commonly used for|who uses|who is using|used by|companies using|"
        "which companies use|what companies use|companies that use|"
        "in industry|in the industry|build with|people build with|what can i build|"
        "what can you build|what can i make|made with|what is built with|apps built with|?what for|"
        "what would i use it for",
    ),
    _c(
        "performance",
        "performance|speed|throughput|latency|runtime performance|efficiency",
        "fast|faster|fastest|speed|speedy|slow|slower|performance|perform|performant|quick|quicker|benchmark|"
        "benchmarks|latency|throughput|efficient|efficiency|how fast|run time",
    ),
    _c(
        "scalability",
        "scalability|scaling|scale|horizontal scaling|autoscaling|auto scaling|elasticity",
        "scale|scales|scaling|scalable|scalability|scale out|scale up|horizontal|vertical|sharding|shard|"
        "handle lots of traffic|high traffic|big data|lots of data|large scale|grow|autoscale|autoscales|"
        "autoscaling|scale automatically|auto scale|elastic",
    ),
    _c(
        "cost",
        "cost|pricing|price|free tier|costs|pricing model",
        "cost|costs|price|prices|pricing|expensive|cheap|cheaper|cheapest|?how much|free tier|pay|billing|"
        "bill|"
        "budget|afford|affordable|money|?free|paid|licence cost|license cost|subscription",
    ),
    _c(
        "security",
        "security|safety|compliance|security model",
        "secure|security|safe|safety|encryption|encrypt|compliance|compliant|iam|permissions|vulnerabilities|"
        "vulnerability|access control|hack|hacked",
    ),
    _c(
        "memory",
        "memory safety|memory management|memory|garbage collection|memory model",
        "memory|memory safe|memory safety|memory management|garbage collector|garbage collection|gc|"
        "borrow checker|leaks|leak|ownership|manual memory|allocations|allocation",
    ),
    _c(
        "concurrency",
        "concurrency|parallelism|multithreading|async|concurrency model",
        "concurrent|concurrency|threads|threading|parallel|parallelism|async|asynchronous|multithreading|"
        "multi threaded|multithreaded|green threads|coroutines|actors",
    ),
    _c(
        "typing",
        "typing|type system|static typing|type safety|types",
        "typed|statically typed|dynamically typed|type system|types|static typing|dynamic typing|"
        "type checking|type safe|type safety|strongly typed|weakly typed|typing|type hints|generics",
    ),
    _c(
        "data_model",
        "data model|storage model|schema|data format|data structure|data storage|data types|"
        "data structures|value types",
        "store data|stores data|store its data|data model|schema|schemas|schemaless|schema less|relational|"
        "document store|document based|documents|tables|rows|columns|json|nosql|sql or nosql|structured|"
        "unstructured|key value|model data|data format|how is data stored|data structure|data structures|"
        "what types of data|kinds of data|store lists|lists|hashes|sorted sets|store objects|value types",
    ),
    _c(
        "transactions",
        "transactions|acid|acid compliance|consistency|transaction support",
        "transaction|transactions|transactional|acid|acid compliant|consistency|consistent|atomic|isolation|"
        "rollback|roll back|commits|eventual consistency",
    ),
    _c(
        "query_language",
        "query language|querying|query|queries",
        "query|queries|querying|query language|how do i query|joins|join|aggregation|aggregations|sql",
    ),
    _c(
        "availability",
        "replication|high availability|availability|durability|reliability|fault tolerance|"
        "uptime|sla|redundancy",
        "replication|replicas|replica|failover|fail over|high availability|uptime|backup|backups|redundancy|"
        "sla|downtime|fault tolerant|fault tolerance|durability|durable|reliable|reliability|outage",
    ),
    _c(
        "licensing",
        "license|licensing|licence|open source|license model",
        "license|licence|licensing|licensed|open source|proprietary|free software|gpl|mit license|"
        "apache license",
    ),
    _c(
        "market_share",
        "market share|market position|market leader|popularity ranking",
        "market share|market leader|biggest provider|biggest|largest|most popular|leader|market",
    ),
    _c(
        "services",
        "services|service offerings|key services|products|offerings|service catalog",
        "services|service|offerings|products|catalog|what services|what products|service offerings",
    ),
    _c(
        "regions",
        "regions|global reach|global infrastructure|availability zones|global presence|locations",
        "regions|region|data centers|datacenters|locations|global|worldwide|availability zones|zones|"
        "global reach|countries|where is it available",
    ),
    _c(
        "integration",
        "integration|integrations|interoperability|compatibility|ecosystem integration",
        "integrates with|integrate|integration|integrations|works with|compatible|compatibility|"
        "interoperability|interop|plays well with|connect to",
    ),
    _c(
        "documentation",
        "documentation|docs|learning resources|resources",
        "docs|documentation|tutorials|tutorial|guides|guide|learning resources|resources|books|courses",
    ),
    _c(
        "tooling",
        "tooling|tools|build tools|ide support|developer tools|toolchain",
        "tooling|tools|ide|ides|debugger|debugging tools|package manager|build system|toolchain|"
        "build tool|linter|formatter|editor support",
    ),
    _c(
        "syntax",
        "syntax|readability|code style",
        "syntax|readable|readability|verbose|verbosity|boilerplate|code look like|look like|clean code|"
        "concise",
    ),
    _c(
        "compilation",
        "compilation|compiled|compile time|build speed|compilation model|execution model",
        "compiled|interpreted|compile|compiler|compile times|compile time|compilation|jit|bytecode|"
        "native code|binary|binaries",
    ),
    _c(
        "error_handling",
        "error handling|errors|exceptions|error model",
        "error handling|exceptions|exception|errors|error|panic|panics|handle errors|result type",
    ),
    _c(
        "platforms",
        "platform support|platforms|os support|portability|cross platform|targets|cloud support|"
        "clouds|multi cloud|supported clouds|supported platforms|cloud providers",
        "cross platform|windows|linux|macos|mac|platforms|platform|runs on|run on|portable|portability|"
        "which clouds|what clouds|which cloud|what cloud|multi cloud|on which cloud|supported clouds|"
        "which platforms|what platforms|target|targets|desktop|ios|android|web and desktop|"
        "operating systems|os support|wasm|webassembly",
    ),
    _c(
        "history",
        "history|maturity|release|first released|age|released|year|origin story",
        "when was|released|release|first release|how old|history|mature|maturity|since when|first version|"
        "launched|launch|year",
    ),
    _c(
        "ai_ml",
        "ai|machine learning|ai services|ml services|ai ml|artificial intelligence",
        "machine learning|ml|ai|artificial intelligence|ai services|ml services|gpus|gpu",
    ),
    _c(
        "pros_cons",
        "pros and cons|advantages|disadvantages|strengths and weaknesses|limitations|drawbacks",
        "pros|cons|pros and cons|advantages|disadvantages|drawbacks|downsides|downside|weaknesses|"
        "weakness|limitations|limitation|problems|issues|criticism",
    ),
    _c(
        "engine",
        "engine|javascript engine|runtime engine|virtual machine|vm|interpreter|runtime",
        "engine|built on|runs on top of|virtual machine|vm|interpreter|which engine|what engine",
    ),
    _c(
        "packages",
        "package management|package manager|packages|dependencies|dependency management|modules",
        "install packages|install|installing|package manager|packages|package|dependencies|dependency|"
        "registry|modules|imports|third party packages",
    ),
    _c(
        "startup",
        "startup time|startup|cold start|boot time|start time",
        "start up|startup|cold start|cold starts|boot|boots|start time|launch time|how fast does it start",
    ),
    _c(
        "extensibility",
        "extensibility|extensions|plugins|plugin ecosystem|customization|customisation|add ons",
        "extend|extending|extensions|extension|plugins|plugin|addons|add ons|customize|customise|"
        "customization|customisation|extensible|marketplace",
    ),
    _c(
        "configuration",
        "configuration|config|configuration format|settings|pipeline definition|configuration language",
        "config|configs|configure|configured|configuring|configuration|config file|config files|"
        "configuration file|settings|yaml|yml|toml|how do you define|how do i define|defined in",
    ),
    _c(
        "time_limits",
        "max execution time|execution time|timeout|time limit|max duration|maximum duration|"
        "execution limit|max runtime|limits",
        "how long can|how long does it run|how long can it run|timeout|timeouts|time out|time limit|"
        "time limits|max runtime|maximum runtime|max duration|execution time|run for|long running|"
        "how long|max time|runtime limit|?limit|?limits",
    ),
    _c(
        "hot_reload",
        "hot reload|hot module replacement|hmr|live reload|fast refresh|hot reloading",
        "hot reload|hot reloading|hmr|live reload|live reloading|fast refresh|hot swap|hot swapping|"
        "hot module replacement|reload on save|instant reload",
    ),
    _c(
        "support",
        "support|customer support|enterprise support|support plans",
        "customer support|support plan|support plans|enterprise support|help desk|contact support",
    ),
)

# Intent cues. Phrases are matched as whole words after normalisation (stopwords kept).
COMPARE_CUES = (
    "compare",
    "comparison",
    "comparing",
    "compared",
    "vs",
    "versus",
    "difference",
    "differences",
    "differ",
    "different from",
    "contrast",
    "against",
    "diff between",
    "side by side",
    "better than",
    "worse than",
    "faster than",
    "slower than",
    "easier than",
    "harder than",
    "or",
    "and",
    "between",
    "v",
)
STRONG_COMPARE = frozenset(
    {
        "compare",
        "comparison",
        "comparing",
        "compared",
        "vs",
        "versus",
        "difference",
        "differences",
        "differ",
        "contrast",
        "against",
        "v",
        "between",
        "than",
    }
)
RECOMMEND_WORDS = frozenset(
    {
        "recommend",
        "recommendation",
        "recommendations",
        "recommended",
        "suggest",
        "suggestion",
        "suggestions",
        "advise",
        "advice",
        "pick",
        "choose",
        "choice",
        "should",
        "better",
        "best",
        "ideal",
        "prefer",
        "go",
        "would",
    }
)
RECOMMEND_STARTS = (
    ("need", "something"),
    ("looking", "for"),
    ("i", "am", "looking", "for"),
    ("any", "ideas"),
    ("ideas",),
    ("thoughts",),
    ("any", "thoughts"),
    ("which",),
    ("what", "should"),
    ("what", "would"),
    ("what", "do", "you", "recommend"),
    ("should", "i"),
    ("recommend",),
    ("suggest",),
    ("best",),
    ("i", "need"),
    ("what", "is", "best"),
    ("what", "s", "best"),
    ("what", "is", "the", "best"),
    ("what", "s", "the", "best"),
    ("any", "recommendations"),
    ("what", "to", "use"),
    ("what", "should", "i"),
    ("help", "me", "choose"),
    ("help", "me", "pick"),
)
NEED_STOP = frozenset(
    {
        "a",
        "an",
        "the",
        "my",
        "our",
        "me",
        "us",
        "i",
        "we",
        "you",
        "it",
        "to",
        "for",
        "use",
        "using",
        "learn",
        "pick",
        "choose",
        "start",
        "with",
        "which",
        "one",
        "what",
        "should",
        "would",
        "do",
        "does",
        "is",
        "s",
        "are",
        "best",
        "better",
        "good",
        "ideal",
        "recommend",
        "suggest",
        "framework",
        "frameworks",
        "library",
        "libraries",
        "tool",
        "tools",
        "option",
        "options",
        "project",
        "projects",
        "go",
        "need",
        "want",
        "something",
        "or",
        "and",
        "vs",
        "please",
        "pls",
        "plz",
        "thanks",
        "of",
        "in",
        "on",
        "at",
        "if",
        "work",
        "doing",
        "get",
        "started",
        "be",
        "most",
        "more",
        "really",
        "recommended",
        "thing",
        "stuff",
        "some",
        "any",
        "people",
        "someone",
        "who",
        "has",
        "have",
        "that",
        "this",
        "these",
        "those",
        "can",
        "could",
        "so",
        "just",
        "also",
        "right",
        "now",
        "currently",
        "mostly",
        "mainly",
        "am",
        "as",
        "way",
        "ones",
        "them",
        "they",
        "between",
        "either",
        "solution",
        "platform",
        "stack",
        "tech",
        "here",
        "suited",
        "suit",
        "fit",
        "fits",
        "fitting",
        "ll",
        "ve",
        "d",
        "m",
        "re",
        "t",
        "not",
        "where",
        "how",
        "why",
        "when",
        "totally",
        "completely",
        "super",
        "pretty",
        "very",
        "quite",
        "kinda",
        "kind",
        "sort",
        "sorta",
        "honestly",
        "basically",
        "literally",
        "first",
        "ideas",
        "idea",
        "thoughts",
        "suggestions",
        "recommendations",
        "u",
        "ur",
        "friend",
        "asking",
        "lol",
        "lmao",
        "haha",
        "tbh",
        "ngl",
        "imo",
        "imho",
        "btw",
        "rn",
        "xd",
        "thx",
        "ty",
    }
)
EXPLAIN_STARTS = (
    ("what", "is"),
    ("what", "s"),
    ("whats",),
    ("what", "are"),
    ("explain",),
    ("describe",),
    ("tell", "me"),
    ("tell", "us"),
    ("overview",),
    ("info",),
    ("who", "is"),
    ("define",),
    ("eli5",),
    ("summarize",),
    ("summarise",),
    ("intro",),
    ("introduce",),
    ("show", "me"),
    ("give", "me"),
    ("teach", "me"),
    ("i", "want", "to", "know"),
    ("how", "does"),
    ("how", "do"),
    ("how", "is"),
    ("is",),
    ("does",),
    ("can",),
)
QUESTION_STARTS = frozenset(
    {
        "what",
        "whats",
        "how",
        "why",
        "which",
        "who",
        "whom",
        "whose",
        "when",
        "where",
        "can",
        "could",
        "should",
        "would",
        "is",
        "are",
        "does",
        "do",
        "did",
        "will",
        "explain",
        "compare",
        "describe",
        "tell",
        "define",
        "recommend",
        "suggest",
        "list",
        "show",
        "give",
        "quiz",
        "eli5",
        "summarize",
        "summarise",
    }
)
IMPERATIVE_STARTS = frozenset(
    {
        "explain",
        "compare",
        "describe",
        "tell",
        "define",
        "recommend",
        "suggest",
        "show",
        "give",
        "list",
        "quiz",
        "teach",
        "help",
        "summarize",
        "summarise",
        "contrast",
        "eli5",
        "start",
        "begin",
        "let",
        "lets",
        "practice",
        "practise",
        "drill",
        "test",
        "interview",
        "mock",
        "review",
    }
)
LEAD_FILLER = frozenset(
    {
        "hey",
        "hi",
        "hello",
        "yo",
        "ok",
        "okay",
        "so",
        "um",
        "umm",
        "uh",
        "well",
        "please",
        "pls",
        "plz",
        "bot",
        "prepbot",
        "hmm",
        "hiya",
        "sup",
        "oh",
        "and",
        "but",
        "also",
        "quick",
        "question",
        "q",
        "alright",
        "right",
        "now",
        "then",
        "btw",
        "dear",
        "folks",
        "guys",
        "team",
        "morning",
        "good",
        "thanks",
        "thank",
        "you",
        "honestly",
        "seriously",
        "genuinely",
        "tbh",
        "ngl",
        "lol",
        "yeah",
        "yep",
        "man",
        "dude",
    }
)

MOCK_START_PHRASES = (
    "quiz me",
    "quiz",
    "mock interview",
    "mock",
    "interview me",
    "practice",
    "practise",
    "practice interview",
    "test me",
    "drill me",
    "drill",
    "grill me",
    "ask me a question",
    "ask me questions",
    "ask me some questions",
    "ask me an interview question",
    "give me a question",
    "give me an interview question",
    "give me a practice question",
    "give me interview questions",
    "interview practice",
    "start interview",
    "start a quiz",
    "start quiz",
    "start mock",
    "start practice",
    "start session",
    "new session",
    "another question",
    "question me",
    "interview prep",
    "prep me",
    "practice session",
    "mock session",
    "quizz me",
    "quiz time",
    "flashcards",
    "study session",
)
DIFFICULTIES: dict[str, str] = {
    "easy": "easy",
    "easier": "easy",
    "basic": "easy",
    "beginner": "easy",
    "simple": "easy",
    "entry": "easy",
    "medium": "medium",
    "intermediate": "medium",
    "moderate": "medium",
    "normal": "medium",
    "mid": "medium",
    "hard": "hard",
    "harder": "hard",
    "difficult": "hard",
    "tough": "hard",
    "advanced": "hard",
    "challenging": "hard",
    "expert": "hard",
    "senior": "hard",
    "tricky": "hard",
}

# Whole-message commands: the message (minus filler words) is one of these, or very close to one.
COMMANDS: dict[str, tuple[Intent, Command | None]] = {}


def _add(intent: Intent, command: Command | None, phrases: str) -> None:
    for text in phrases.split("|"):
        COMMANDS[text.strip()] = (intent, command)


_add(
    Intent.MOCK,
    Command.HINT,
    "hint|a hint|another hint|one more hint|give me a hint|hint please|can i get a hint|can i have a hint|"
    "i need a hint|need a hint|clue|a clue|give me a clue|any hints|hints|help me with this question|"
    "give me a tip|tip|nudge|i am stuck|stuck",
)
_add(
    Intent.MOCK,
    Command.SKIP,
    "skip|pass|skip it|skip this|skip this one|skip that|skip that one|pass on that|skip question|"
    "skip this question|"
    "skip the question|i pass|pass on this|pass on this one|no idea skip|next one skip|i will pass",
)
_add(
    Intent.MOCK,
    Command.NEXT,
    "next|next question|next q|next pls|next question please|next one|another one|go on|"
    "move on|continue|keep going|another|another question|more|one more|give me another|give me the next one",
)
_add(
    Intent.MOCK,
    Command.STOP,
    "stop|end|quit|exit|done|i am done|im done|finish|finished|cancel|"
    "stop the interview|end the interview|quit the interview|stop interview|end interview|end session|"
    "stop session|stop the quiz|end the quiz|quit quiz|stop quiz|stop practice|end practice|that is enough|"
    "enough|i am finished|stop the mock|end the mock|end mock|stop mock|let s stop|lets stop|abort|"
    "i give up|give up|we are done|all done|enough for today|that is enough for today|done for today|"
    "i am done for today|that is it for today|call it a day|let s call it a day|lets call it a day|"
    "that is all for today|i am out|stop here|let s stop here|lets stop here|enough for now|"
    "that is enough for now|that s enough|that s enough for now|done for now|i am done for now|stop for now|"
    "that s it for now|that is it for now|that s all|that is all",
)
_add(
    Intent.MOCK,
    Command.MODEL_ANSWER,
    "show model answer|model answer|show the model answer|"
    "what is the answer|what s the answer|whats the answer|show answer|show me the answer|the answer|"
    "reveal answer|reveal the answer|tell me the answer|what was the answer|what is the right answer|"
    "correct answer|the correct answer|what is the correct answer|show the answer|give me the answer|"
    "sample answer|example answer|ideal answer|what should i have said",
)
_add(
    Intent.MOCK,
    Command.REVIEW,
    "review|what s due|whats due|what is due|due|reviews|review session|"
    "start review|start a review|review time|what should i review|due cards|due questions|my reviews|"
    "anything due|what do i need to review|spaced repetition|review due|review my cards|show due|"
    "review my weak spots|my weak spots|weak spots|review my mistakes|my mistakes|what am i bad at|"
    "what did i get wrong|review my weak areas|which questions are due|what questions are due|"
    "questions due|which cards are due|what do i have due|what s due today|what is due today|due today|"
    "anything due today|what should i review today",
)
_add(
    Intent.MOCK,
    Command.PROGRESS,
    "progress|my progress|my stats|stats|statistics|how am i doing|"
    "how am i doing so far|how i am doing|show my progress|show progress|my score|my scores|score|scores|"
    "show my stats|my results|results|how did i do|my streak|streak|my record|report card",
)
_add(
    Intent.MOCK,
    Command.START,
    "quiz me|mock interview|mock|interview me|practice|practise|test me|"
    "start|begin|let s go|lets go|let s practice|lets practice|start mock interview|start a mock interview|"
    "start interview|start a quiz|start quiz|quiz|drill me|i want to practice|practice mode|ready|"
    "another interview|new interview|interview",
)
_add(
    Intent.HELP,
    None,
    "help|help me|help please|what can you do|what do you do|how does this work|"
    "how do i use this|how do i use you|how to use|usage|commands|command list|list commands|menu|options|"
    "instructions|what are your commands|hi|hello|hey|hey there|hello there|hi there|yo|sup|hiya|start here|"
    "what can this bot do|what does this bot do|what can the bot do|what is this bot|what are you able to do|"
    "good morning|morning|howdy|greetings|hey bot|hi bot|hello bot|"
    "what are you|who are you|what do you know|what topics do you know|what topics|topics|"
    "what can i ask|what can i ask you|what should i ask|getting started|how can you help|"
    "what can you help me with|what can you help me do|what do you help with|what are you for|"
    "how can you help me|what can you help with|info|about|guide|manual|man|readme|docs|halp|halp me|"
    "send help|i need help|need help|what commands are there|what commands|which commands|"
    "list of commands|available commands|show commands|show me the commands|what are the commands|"
    "what can i do|what can i do here|how does this work|how does this bot work|how do i use this bot|"
    "how do i use the bot",
)
_add(
    Intent.DAILY,
    None,
    "daily|daily question|question of the day|today s question|todays question|"
    "qotd|the daily question|daily challenge|today s challenge|what is today s question|"
    "what s today s question|give me the daily question|give me today s question|daily quiz|daily q|"
    "show daily|show today s question|question of today|daily prep",
)
_add(
    Intent.DAILY,
    Command.LEADERBOARD,
    "leaderboard|leader board|leaderboards|rankings|ranking|top scores|"
    "high scores|who is winning|who is on top|scoreboard|score board|standings|show the leaderboard|"
    "show leaderboard|top players|who is leading|the leaderboard|team leaderboard",
)
_add(
    Intent.DAILY,
    Command.OPTOUT,
    "opt out|optout|opt me out|opt out of the leaderboard|"
    "opt out of leaderboard|remove me from the leaderboard|hide me from the leaderboard|"
    "leave the leaderboard|do not show me on the leaderboard|opt in|optin|opt me in|opt back in|"
    "opt in to the leaderboard|add me to the leaderboard|rejoin the leaderboard",
)

OPT_IN_WORDS = frozenset({"in", "optin", "back", "add", "rejoin", "join", "include"})
PERIOD_WORDS: dict[str, str] = {
    "week": "week",
    "weekly": "week",
    "month": "month",
    "monthly": "month",
    "today": "today",
    "day": "today",
    "daily": "today",
    "all": "all",
    "alltime": "all",
    "ever": "all",
    "year": "year",
    "yearly": "year",
}
STUDY_WORDS = frozenset(
    {
        "on",
        "off",
        "pause",
        "paused",
        "resume",
        "show",
        "status",
        "settings",
        "stop",
        "start",
        "enable",
        "disable",
        "at",
        "every",
        "tz",
        "days",
        "topics",
        "time",
        "difficulty",
        "weekdays",
        "daily",
        "here",
        "channel",
        "config",
        "set",
        "schedule",
    }
)
GRADE_PREFIXES = (
    ("answer",),
    ("my", "answer"),
    ("my", "answer", "is"),
    ("answer", "is"),
    ("here", "is", "my", "answer"),
    ("here", "s", "my", "answer"),
    ("final", "answer"),
    ("my", "final", "answer", "is"),
    ("my", "final", "answer"),
)
# Chat shorthand, spelled out before anything else is read.
SLANG: dict[str, tuple[str, ...]] = {
    "gimme": ("give", "me"),
    "lemme": ("let", "me"),
    "wanna": ("want", "to"),
    "gonna": ("going", "to"),
    "u": ("you",),
    "ur": ("your",),
    "r": ("are",),
    "pls": ("please",),
    "plz": ("please",),
    "thx": ("thanks",),
    "ty": ("thanks",),
    "abt": ("about",),
    "bc": ("because",),
    "b4": ("before",),
    "w": ("with",),
    "diff": ("difference",),
    "vs.": ("vs",),
    "v.": ("vs",),
    "bw": ("between",),
    "btwn": ("between",),
    "rec": ("recommend",),
    "recs": ("recommendations",),
    "whats": ("what", "s"),
    "hows": ("how", "s"),
    "whos": ("who", "s"),
    "wat": ("what",),
    "ppl": ("people",),
    "ppls": ("people",),
    "wht": ("what",),
    "q": ("question",),
    "qs": ("questions",),
    "ez": ("easy",),
    "dunno": ("do", "not", "know"),
    "idk": ("i", "do", "not", "know"),
    "im": ("i", "am"),
    "ive": ("i", "have"),
    "dont": ("do", "not"),
    "doesnt": ("does", "not"),
    "isnt": ("is", "not"),
    "cant": ("can", "not"),
    "wont": ("will", "not"),
}

# Phrases that look like aspect words but only say how to answer ("in simple terms").
NOT_ASPECTS = (
    "in simple terms",
    "simple terms",
    "in simple words",
    "simple words",
    "simple english",
    "plain english",
    "in plain words",
    "keep it simple",
    "short and simple",
    "simply put",
    "real quick",
    "quick question",
    "quick one",
    "super quick",
    "quick q",
    "real fast",
    "quickly",
    "in short",
    "for short",
)

# Words about the answer wanted, not about a subject ("azure overview", "lens in a nutshell").
TALK_WORDS = frozenset(
    {
        "overview",
        "summary",
        "intro",
        "introduction",
        "rundown",
        "basics",
        "details",
        "explanation",
        "tldr",
        "breakdown",
        "primer",
        "gist",
        "lowdown",
        "cheatsheet",
        "nutshell",
        "info",
        "information",
        "thoughts",
        "opinion",
        "explain",
        "describe",
        "definition",
        "meaning",
        "quickly",
        "briefly",
        "simply",
        "short",
        "terms",
        "words",
        "again",
        "more",
        "detail",
        "deep",
        "dive",
        "deepdive",
        "please",
        "thanks",
    }
)

# Nouns that refer back to a topic described rather than named ("Google's framework").
REFERRING_NOUNS = frozenset(
    {
        "framework",
        "library",
        "lib",
        "one",
        "tool",
        "thing",
        "api",
        "database",
        "db",
        "language",
        "lang",
        "cloud",
        "platform",
        "provider",
        "service",
        "offering",
        "product",
        "system",
        "engine",
        "stack",
        "toolkit",
        "package",
        "project",
        "option",
        "solution",
        "version",
    }
)
DESCRIPTOR_BEFORE = frozenset({"by", "from"})
# "<topic> is made by <maker>": a question about who made the topic, not a second topic.
MADE_VERBS = frozenset(
    {
        "made",
        "developed",
        "built",
        "created",
        "maintained",
        "backed",
        "owned",
        "written",
        "designed",
        "invented",
        "run",
        "funded",
        "sponsored",
        "released",
        "supported",
    }
)
MADE_FILLER = frozenset(
    {
        "is",
        "was",
        "are",
        "really",
        "actually",
        "originally",
        "still",
        "also",
        "even",
        "now",
        "first",
        "mainly",
        "mostly",
    }
)
