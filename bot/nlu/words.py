"""Plain English word lists the matcher needs: function words it ignores when comparing phrases,
and everyday words it must never "correct" into a topic name (a typo fixer that turns "years"
into "lens" is worse than none)."""

from __future__ import annotations


def _split(text: str) -> frozenset[str]:
    return frozenset(text.split())


STOPWORDS: frozenset[str] = _split("""
a an the and or but nor so yet of to in on at by for with from into onto about over under up down out
off as than then that this these those there here it its it's itself i me my mine myself we us our ours
you your yours he him his she her hers they them their theirs what whats which who whom whose when where
why how is are was were be been being am do does did doing done have has had having can could should would
will shall may might must s t d ll m re ve not no yes just very really quite also too again more most some
any all each every both either neither such own same other another only even still please pls plz thanks
thank thx ty ok okay hey hi hello yo um uh oh well like kinda sorta bit lot lots much many few little one
ones thing things stuff something anything everything nothing someone anyone everyone me tell give show
let lets get got make made use using used if else whether while because since until though although
ever never always often sometimes maybe perhaps probably actually basically literally honestly
via etc incl including per e g ie eg vs
""")

COMMON: frozenset[str] = STOPWORDS | _split("""
able above across act action actually add added after afternoon again against age ago agree ahead air
allow almost alone along already alright amazing amount answer answers anyway app apps area around ask
asked asking away awesome back bad base based basic be beat become before begin behind believe best better
between big bigger biggest bill bit black block blog board body book books boss both box break bring broken
brother bug bugs build building built busy buy call called came card care career case cases cause chance
change changed chat check checking choice choose chose city class clean clear clearly click close code
coding cold come comes coming company compare complete completely computer confused consider context cool
copy correct cost could couple course cover crazy create created current currently cut daily dark data
date day days deal dear decide decided deep define delete design detail details did didn die different
difficult dinner direct do doc docs dog doing door double doubt down draft drive drop due during each early
easy eat edit else email end enough entire error even evening event events ever every exact exactly example
examples excited expect experience explain extra eye face fact fail fair fall family far fast feel feeling
felt few field figure file files final finally find fine finish first fit five fix fixed folks follow food
for forget form forward found four free friday friend friends from front full fun funny future game gave
general get gets getting girl give given glad go goes going gone good got great green group guess guy guys
had half hand happen happened happy hard hate have head hear heard help here high hold home hope hour hours
house how however huge idea ideas important in include including info inside instead interest interested
interesting interview is issue issues item job join just keep kept kid kids kind knew know known large last
late later learn least leave left less let level life light line list listen little live long longer look
looked looking lose lost love low lunch made main major make makes making man manager many mark matter may
me mean means meant meet meeting member mention message met middle might mind minute minutes miss missing
mode model models moment monday money month months more morning most mostly move much must my name names
near need needed needs never new news next nice night nobody none normal note notes now number numbers odd
of off office old once online only open order other others out over own page paper part party pass past
path pay people per person pick piece place plan play please plus point points post power pretty price
probably problem problems process product project projects proper pull push put question questions quick
quickly quite random rather read reading ready real reason recent red remember reply report rest result
results return review right room round rule rules run running said same saturday save saw say saying says
school score screen search second see seem seems seen send sense sent serious set seven several share
short should show side simple since single sit site six size slow small so some soon sorry sort sound space
speak special spend start started state stay step still stop story street strong student study stuff such
sunday super support sure table take taken talk talking task team tell ten term test text than that the
their them then there these they thing things think thinking third this those though thought three through
thursday time times tiny today together told tomorrow too took top topic topics total touch toward town
track train tried true try trying tuesday turn two type under understand until up update upon us use used
user users using usual usually value very video view wait walk want wanted war was watch water way ways we
wednesday week weekend weeks weird welcome well went were what when where which while white who whole why
wide wife will win window with within without woman wonder word words work worked working works world worry
worse worst would wow write writing wrong year years yes yesterday yet you young your yourself weather
news sports movie movies music song recipe pizza coffee tea joke jokes funny bored lunch dinner breakfast
hungry tired weekend vacation holiday birthday love hate cat cats dog dogs rain sunny snow hot warm stock
stocks price web online internet site sites ago art bag bed boy bus cup dad ear egg eye fan fat fly gas god gun
hat hit ice ill joy key lab law lay leg lie lip mad map mix mom mud net nut oil pan pen pet pie pin pop pot raw
rid row sea sex shy sky son sun tax tie toe toy van wet zoo won wins lost tie ties nope yep yeah nah lol lmao
omg wtf bye cya brb afk react
football soccer basketball game games play player players cook cooking drive car cars bike
backend backends frontend frontends server servers client clients repo repos codebase monorepo
relate related relates relation relationship relationships differ differs overlap overlaps exist exists existed
microservice microservices endpoint endpoints website websites webapp dashboard script scripts legacy
""")

# Tokens that end a "for <need>" clause rather than belong to it.
CLAUSE_BREAKS: frozenset[str] = frozenset(
    {"or", "vs", "versus", "and", "but", "which", "what", "should", "would", "between", "than"}
)
