"""The cue tables of :mod:`kg.extraction.roles`: the word patterns that say what a paper does
with a name it mentions.

Every pattern reads a bounded window (a clause of at most ``roles.WINDOW`` characters or the
``roles.AFTER`` characters after a mention) and nests only bounded quantifiers, so the work per
mention is bounded however long the abstract; the sentence patterns (``SELF``, ``EVALUATION``,
``SHARED_TASK``) are read once per sentence (``roles.sentence_facts``), not per mention.
"""
from __future__ import annotations

import re

_W = r"(?:[\w'’-]+,?\s+)"  # one word and its spaces
_INTRO_VERB = (r"(?:propose|introduce|present|develop|release|create|construct|design|contribute|devise|"
               r"formulate|build|collect|curate|annotate|describe|define)(?:s|d|ed)?")
_AGENT = (r"(?:we|this (?:paper|work|study|article|(?:technical\s+)?report)|here,?\s+we)\s+"
          r"(?:also\s+|further\s+|first\s+|then\s+|now\s+|finally,?\s+|[a-z]{2,15}ly\s+)?")

#: Cue families, strongest role first. A mention's role is the role of the nearest cue before it.
#: Cues are predicates and prepositions, and nouns that name the role itself ("baselines",
#: "datasets such as"); a noun like "benchmark" or "encoder" governs nothing.
CUES = (
    ("introduces", re.compile(
        rf"\b{_AGENT}{_INTRO_VERB}\b"
        # A coordinated predicate shares the subject: "we analyse X and develop the Subformer".
        rf"|(?:\band|,)\s+(?:also\s+|then\s+|further\s+|finally\s+)?(?:propose|introduce|present|develop|devise|design|"
        rf"build|create|release)[sd]?\b"
        rf"|\b(?:our|the|a|an)\s+(?:new|novel|proposed)\b|\b(?:called|named|dubbed|termed|coined)\b|\bwe call\b"
        # naming what the paper made: "we refer to the architecture as a 'stacked hourglass'"
        rf"|\bwe\s+(?:will\s+)?refer\s+to\s+(?:[\w-]+\s+){{0,4}}?as\b",
        re.I)),
    ("evaluates", re.compile(
        rf"\bevaluat\w*\s+{_W}{{0,5}}?(?:on|over|against|in|using|with)\b|\bexperiment\w*\s+{_W}{{0,4}}?"
        rf"(?:on|over|with|using|in)\b|\bresults?\s+{_W}{{0,3}}?on\b|\btest(?:ed|s)? on\b|\bbenchmark(?:ed|ing)\b|"
        rf"\bstate[- ]of[- ]the[- ]art\s+{_W}{{0,4}}?on\b|\b(?:performance|accuracy|scores?|F1|BLEU|gains?|"
        rf"improvements?)\s+(?:\w+\s+){{0,2}}?on\b|\bparticipat\w*\s+in\b|\bsubmi\w+\s+{_W}{{0,6}}?(?:to|for)\b|"
        rf"\bexperiment\w* with\b|\bdatasets?\s*(?:\(|:|such as|including|like)", re.I)),
    ("compares", re.compile(
        r"\b(?:outperform\w*|compar\w*|than|baselines?|surpass\w*|versus|vs\.?|beat\w*|against|superior to|"
        r"exceed\w*|competitive\s+(?:\w+\s+){0,2}?with|on par with|(?:improv\w*|gains?|advantages?)\s+over|rival\w*|"
        r"better than|unlike|overcom\w*|match(?:es|ed)|"
        # a ranking among others: "achieves SoTA performance among LLaMA-based models"
        r"(?:best|sota|state[- ]of[- ]the[- ]art|highest|lowest|top|strongest|leading)\s+(?:[\w-]+\s+){0,3}?among)\b",
        re.I)),
    ("uses", re.compile(
        r"\b(?:use[sd]?|using|based on|built (?:up)?on|build(?:s|ing)? (?:up)?on|on top of|train\w* on|"
        r"pre-?train\w* on|fine-?tun\w*|leverag\w*|employ\w*|appl\w*|adopt\w*|with|via|through|exploit\w*|"
        r"utiliz\w*|utilis\w*|incorporat\w*|combin\w*|extend\w*|relying on|rel(?:y|ies) on|initiali[sz]\w*|"
        r"from|by|involv\w*|(?:a )?(?:variant|extension) of|"
        # a whole and its parts: "our encoder consists of a BiLSTM and a CRF"
        r"consist\w* of|compris\w*|composed of|made up of|contain\w*)\b", re.I)),
)
INTRODUCES = CUES[0][1]
COMPARES = CUES[2][1]
#: A list of parts: a name after "including" that no cue governs is a part of what the
#: paper's sentence describes ("a pipeline of three modules, including X and Y").
INCLUDING = re.compile(r"\bincluding\b", re.I)

#: After "on", at most three modifiers and a list of names (outperforms X on SQuAD; SOTA
#: results on the original GLUE; experiments on three tasks: A, B and C) a dataset or a task
#: is what the paper is measured on, unless a verb before "on" says it is trained on or built
#: on (see ``NOT_MEASURED``); a gerund after "on" names an activity, not data ("on improving X").
_ITEM_WORD = r"(?!(?:on|in|of|for|with|to|by|from|at|using|via|than|over|against|and|or)\b)[\w.'’+/-]+"
_ITEM = rf"{_ITEM_WORD}(?:\s+{_ITEM_WORD}){{0,3}}?(?:\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+)"
ON_DATA = re.compile(rf"(?:\b(?P<verb>[\w-]+)\s+)?\b(?P<on>[Oo]n)(?:\s+(?!of\b|top\b)[\w-]+(?<!ing)){{0,3}}?"
                     rf"(?:\s+(?:sets?|splits?|subsets?|portions?|versions?)\s+of)?(?:\s*:)?"
                     rf"(?:\s+{_ITEM}){{0,6}}?\s*$")
NOT_MEASURED = re.compile(r"(?:pre-?|fine-?)?(?:train|tun)\w*|based|built|rel(?:y|ies|ying)", re.I)
TRAINED_ON = re.compile(r"\b(?:train|tun)\w*\s+on\s*(?:the\s*)?$", re.I)
#: A task named as what results are reported on: "performance at a downstream T task".
TASK_MEASURED = re.compile(r"\b(?:performance|accuracy|results?|scores?|F1)\s+(?:of|on|in|at|for)\s+"
                           r"(?:[\w'’-]+\s+){0,3}$", re.I)
#: Words after a task name that make it what results are reported on: "T performance", "the
#: T task on CIFAR-10".
MEASURED_AFTER = re.compile(r"\s+(?:performance|accuracy|results?|scores?|tasks?\s+on)\b", re.I)
#: A task name modifying a data noun ("SRL benchmarks") names the data, not the task evaluated;
#: one before a list of tasks ("two NLU tasks: dialog and QA") names their kind.
DATA_AFTER = re.compile(r"[\s-]+(?:benchmarks?|datasets?|corpus|corpora|data|test[- ]?sets?|test suites?)\b|"
                        r"\s+tasks?\s*:", re.I)
#: An evaluation word earlier in the clause: a task it governs is evaluated on ("For
#: evaluation, … two labelling tasks: text classification and textual entailment", "we
#: apply our method to … problems including T").
EVALUATION_BEFORE = re.compile(r"\b(?:for|in) (?:the |our )?evaluations?\b|\bevaluat(?:e[sd]?|ing)\b|\bexperiments?\b|"
                               r"\btested\b|\bappl(?:y|ies|ied|ying)\s+(?:our|the proposed|this|these)\s+(?:[\w-]+\s+){0,2}?to\b", re.I)
#: The sentence is about a shared task the paper takes part in: the task named is evaluated.
SHARED_TASK = re.compile(r"shared[- ]?tasks?\b|\bparticipat\w*\b|\bsubmi(?:t|ssion|tted|tting)s?\b|"
                         r"\bcompet(?:e[sd]?|ing|itions?)\b|\bleader ?board\b|\btask\s+\d+\b", re.I)

#: Clause ends. A colon is not one: it opens a list the words before it govern ("including two
#: labelling tasks: text classification and textual entailment"); nor is a "but" that joins
#: two adjectives ("we propose a simple but effective framework X").
CLAUSE = re.compile(r"[;!?]|\.\s|\bwhile\b|\bwhereas\b|\bhowever\b|"
                    r"\bbut\b(?!\s+(?:effective|efficient|powerful|strong|accurate|robust|competitive|scalable|fast)\b)",
                    re.I)
#: A non-restrictive relative clause closed before the mention: the cue that governs a list
#: stands outside it ("combines A, which overcomes B, and C": C is combined).
RELATIVE = re.compile(r",\s*(?:which|who)\b[^,;]{0,100},(?=\s*(?:and|or)\b)")
#: An open parenthesis of examples: the names in it take the cue of the noun before it
#: ("outperforms cross-lingual methods (e.g., based on multilingual BERT)").
EXAMPLES = re.compile(r"\(\s*(?:e\.g\.|i\.e\.|such as|including|like)[^()]*$", re.I)

#: Participles of use: "X is employed", "BART variants are utilized".
_USED = r"(?:used|utili[sz]ed|employed|adopted|applied|leveraged|exploited|incorporated|integrated|fine-?tuned)"
#: A result below another's: the sentence reports the paper's results.
_BELOW = r"(?:lag\w*\s+behind|underperform\w*|f[ae]ll\w*\s+(?:short|behind)|(?:is|are)\s+inferior)"
#: The sentence speaks of the paper itself.
SELF = re.compile(r"\b(?:we|our|us|this (?:paper|work|study|article|approach|method|model|system|architecture|"
                  r"framework|network|pipeline)|the (?:proposed|resulting|system|approach|method|framework|"
                  r"architecture)|experiment\w*|results? show\w*|empirical\w*|comparisons?|evaluations?|ablations?|"
                  rf"outperform\w*|surpass\w*|{_BELOW}|"
                  # an agentless passive of what the paper does: "BART variants are utilized"
                  rf"(?:is|are|was|were)\s+(?:then\s+|also\s+|first\s+)?(?:{_USED}|evaluated|tested|compared))\b", re.I)
#: A self word: the clause turns to the paper ("Unlike previous work, we use X").
SELF_WORD = re.compile(r"\b(?:we|our|us)\b", re.I)
#: Earlier work: a clause that opens on it speaks of others ("Existing approaches use X",
#: "Recently, Sun (2024) proposed X", "X has been used for").
EARLIER = re.compile(r"\b(?:previous(?:ly)?|prior|existing|recent(?:ly)?|traditional(?:ly)?|conventional(?:ly)?|"
                     r"earlier|latest|et al|ha(?:ve|s) been)\b|\(\s*(?:19|20)\d\d[a-z]?\s*\)", re.I)


# Around the name: appositions, its own verb, cues after it.
_OWN_NOUN = (r"(?:model|method|system|approach|framework|architecture|network|algorithm|dataset|corpus|benchmark|"
             r"metric|toolkit|tool|library|agent|pipeline)s?")
#: The paper's own thing named: "our response model, 'PlatoLM'" (an apposition to "our …
#: model") or "our neural variational document model" (a name that is the whole noun phrase
#: after "our", see ``OWN_HEAD``).
OWN_NAMED = re.compile(rf"\b(?:our|the proposed)\s+(?:(?:[\w-]+\s+){{0,3}}?(?P<noun>{_OWN_NOUN})\s*(?:,|:|\(|"
                       rf"called|named)?\s*)?['‘\"“]?$", re.I)
OWN_HEAD = re.compile(rf"\b{_OWN_NOUN}$", re.I)
#: ... or a name right after "our" that defines its acronym before the head noun: "our Past
#: Decode Regularization (PDR) method" (but "our BERT model" is a BERT the paper uses).
OWN_HEAD_AFTER = re.compile(rf"\s*\([^()]{{1,20}}\)\s*{_OWN_NOUN}\b", re.I)
#: A list of what is introduced, right after the cue: the new things counted and named, then a
#: colon ("two novel methods for corpus creation: A and B"), or numbered items ("we design (1)
#: X to … and (2) Y"). The items are the cue's objects, past the words that say what they are for.
NEW_LISTED = re.compile(r"\s*(?:(?:[\w-]+\s+){0,3}?(?:methods|approaches|models|techniques|strategies|modules|"
                        r"components|datasets|tasks|metrics|algorithms|architectures|frameworks|systems)\b[^:;.]{0,100}:"
                        r"|\((?:1|i|a)\))", re.I)
LIST_ITEM = re.compile(r":|\((?:\d|[ivx]{1,3}|[a-e])\)", re.I)
#: An apposition that says what kind of thing the name before it is ("we adapt MAML, an
#: optimization-based meta-learning approach"): a generic (lower-case) name in it names the
#: kind, not a thing the paper does something with. The name before has a capital or a digit,
#: so that a list of common nouns is no apposition ("an extension, a fine-tuned BERT model").
KIND_BEFORE = re.compile(r"\b[\w-]*[A-Z0-9][\w-]*[)’'”\"]?\s*,\s+(?:an?|the)\s+(?:[\w-]+\s+){0,2}?$")
KIND_AFTER = re.compile(r"[\s-]+(?:approach|method|technique|model|framework|algorithm|architecture|system|network|"
                        r"mechanism)s?\b", re.I)
#: A name (or a list that ends in it) before a finite verb is the subject of its own clause,
#: which a comparison or a use cue before it does not govern ("… than public models, and
#: Vicuna and Alpaca are some of the best").
SUBJECT_AFTER = re.compile(r"(?:\s*(?:,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+)(?!(?:which|who|that|it|they|we|our|the|this|its|their)\b)"
                           r"[\w.'’+/-]+(?:\s+[\w.'’+/-]+)?){0,3}\s+"
                           r"(?:is|are|was|were)\b", re.I)
#: A result predicate after the name that sets it below the paper's results: "the fine-tuned
#: BERT model is still lagging behind human performance".
COMPARED_AFTER = re.compile(rf"(?:\s+[\w-]+){{0,4}}?\s+(?:(?:is|are|was|were)\s+)?(?:still\s+)?{_BELOW}\b", re.I)
#: A metric set against another: the object of "than" ("better than the Dice coefficient")
#: or the subject of a comparative ("cosine similarity relates better to human ranks than").
METRIC_THAN = re.compile(r"\b(?:than|versus|vs\.?|compared (?:to|with))\s+(?:the\s+)?$", re.I)
METRIC_BETTER = re.compile(r"\s+(?:[\w-]+\s+){0,2}?(?:better|worse)\b[^.;]{0,40}?\bthan\b", re.I)
#: A cue after the name: "X-based models" (X is a part of what the paper builds), "BART
#: variants are utilized".
BASED_AFTER = re.compile(r"-based\b", re.I)
USED_AFTER = re.compile(rf"-based\b|[^.;:()]{{0,40}}?\b(?:is|are|was|were)\s+(?:then\s+|also\s+)?{_USED}\b", re.I)

#: The sentence reports an evaluation: a dataset named in it is what the paper is measured on.
EVALUATION = re.compile(r"\b(?:experiment\w*|evaluat\w*|results?|outperform\w*|benchmarks?|state[- ]of[- ]the[- ]art|"
                        r"test(?:ed|s)?|achiev\w*|surpass\w*|improv\w*|scores?|accuracy)\b", re.I)
#: A baseline the paper presents as its own ("we present a baseline X", "our baselines X"): the
#: name is what it is built of, not what it is set against.
OWN_BASELINE = re.compile(rf"(?:\bour|\b{_AGENT}{_INTRO_VERB}\s+(?:a|an|the|two|three|several))\s+"
                          rf"(?:simple\s+|strong\s+|new\s+)?baselines?\s+(?:[\w-]+\s+){{0,3}}?$", re.I)
#: Words between an introduction cue and a name that make the name a part, a purpose or a
#: topic of what is introduced, not the thing itself ("a pipeline for object detection", "the
#: proposed methods achieve an FID of …").
NOT_OBJECT = re.compile(r"\b(?:for|to|on|in|(?<!suite )(?<!set )(?<!collection )(?<!task )(?<!problem )of|which|that|consist\w*|with|by|via|from|based|using|uses|"
                        r"comprising|including|and a|research|"
                        # a verb after the noun phrase of "the proposed methods": the name is its object
                        r"achiev\w*|obtain\w*|attain\w*|yield\w*|reach\w*|is|are|was|were|can|has|have)\b", re.I)
