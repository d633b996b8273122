"""The offer detector's words: what role each word form plays and which kind of contribution it names.

Token roles are bit flags, so one dictionary look-up per token gives everything the clause rules and the
features need; contribution words are grouped by kind (`KINDS`: meedenken, organiseren, uitvoeren,
ruimte_middelen) and Dutch verbs get their present-tense forms (`_nl_forms`). The long list of common Dutch
infinitives is package data (`data/offers_verbs_nl.txt`, read in `phrases`).
"""

from __future__ import annotations

import re

from ...vocabulary import OFFER_KINDS

KINDS = OFFER_KINDS

# ----------------------------------------------------------------------------------------------------------
# Lexicon. Token roles are bit flags so one dictionary look-up per token gives everything the clause rules
# need.
# ----------------------------------------------------------------------------------------------------------
FIRST = 1  # writer as subject: ik, wij, we, I, we're
FIRST_OBJ = 2  # writer as object in offer constructions: laat mij, count me in, zet ons op de lijst
MODAL = 4  # volition, ability or commitment: wil, kan, ga, zal, mag, want, can, will, would
EAGER = 8  # strong willingness: best, graag, bereid, happy, glad, willing, keen
NEG = 16  # negation
SHOULD = 32  # obligation of others: moet, should
INSTITUTION = 64  # municipality, province, corporation, police, professional services
ADDRESSEE = 128  # jullie, u, you: the text addresses someone else
SOMEONE = 256  # iemand, someone, anyone: an unspecified other person
RECRUIT = 512  # zoekt, gezocht, looking for, wanted, nodig
APOLOGY = 1024  # excuses, sorry
PERSON_GROUP = 2048  # third-person resident nouns: bewoners, ouders, deelnemers, club, vereniging
PAST = 4096  # past-time markers: vroeger, ooit, used (to)
THIRD_PRONOUN = 8192  # ze, zij, they, hij, she: third person pronouns (ambiguous subjects)
HABIT = 16384  # markers of an ongoing commitment: al, elke, iedere, every, already
CONDITIONAL = 32768  # zou, zouden, would, could: counterfactual mood
RHETORIC = 65536  # soms, echt, waarom, why, supposed: markers of a rhetorical question
SELF_OBJECT = 131072  # objects that make a sign-up or participation self-serving or mere attendance
STRONG = 262144  # words that make a generic action count: wel, prima, zelf, gratis, free


def _nl_forms(infinitive: str) -> set[str]:
    """Present-tense forms of a Dutch verb: infinitive, stem ("help", "kook") and stem + t ("helpt").

    Past tense and participles are left out on purpose: "ik hielp vroeger" and "ik heb geholpen" are not
    offers. Separable prefixes stay attached ("meehelpen"); split forms ("help mee") are handled by the
    particle rules.
    """
    irregular = {
        "doen": {"doe", "doet"},
        "gaan": {"ga", "gaat"},
        "staan": {"sta", "staat"},
        "zien": {"zie", "ziet"},
        "hebben": {"heb", "hebt", "heeft"},
        "zijn": {"ben", "bent", "is"},
        "komen": {"kom", "komt"},
        "kunnen": {"kan", "kunt", "kun"},
        "willen": {"wil", "wilt"},
        "zullen": {"zal", "zult"},
    }
    forms = {infinitive}
    if infinitive in irregular:
        return forms | irregular[infinitive]
    for prefix in (
        "mee",
        "op",
        "aan",
        "bij",
        "uit",
        "schoon",
        "rond",
        "in",
        "over",
        "klaar",
        "langs",
        "af",
        "vrij",
        "voor",
        "terug",
        "door",
    ):
        # separable verbs: the finite forms are handled by particle rules, keep only the infinitive here
        if (
            infinitive.startswith(prefix)
            and len(infinitive) > len(prefix) + 3
            and infinitive not in ("organiseren", "onderhouden", "opruimen")
        ):
            # in a subordinate clause the particle stays attached: "een bakfiets die ik graag uitleen"
            return forms | {prefix + f for f in _nl_forms(infinitive[len(prefix) :]) if f != infinitive[len(prefix) :]}
    if not infinitive.endswith("en"):
        return forms
    stem = infinitive[:-2]
    if len(stem) >= 2 and stem[-1] == stem[-2] and stem[-1] not in "aeiou":
        stems = {stem[:-1]}  # zetten -> zet, bakken -> bak
    else:
        stems = {stem}  # helpen -> help, schilderen -> schilder
        if len(stem) >= 3 and stem[-1] not in "aeiouj" and stem[-2] in "aeiou" and stem[-3] not in "aeiou":
            stems.add(stem[:-1] + stem[-2] + stem[-1])  # koken -> kook, repareren -> repareer
            if not stem.endswith(("er", "el", "en")):
                stems.discard(stem)  # "kok", "les" are not forms of koken, lezen
    for s in stems:
        if s.endswith("v"):
            s = s[:-1] + "f"  # geven -> geef
        elif s.endswith("z"):
            s = s[:-1] + "s"  # lezen -> lees
        forms.add(s)
        forms.add(s if s.endswith("t") else s + "t")
    return forms


# Contribution words, Dutch and English, by kind. Dutch verbs are infinitives (present forms are generated);
# English verbs get -s and -ing forms. "marker" words only decide the kind, they are not an action alone
# ("ik wil een plek" is a request, "ik stel een plek beschikbaar" an offer of space).
# fmt: off
_ACTIONS = {
    "uitvoeren": {
        "nl_verbs": """helpen meehelpen bijspringen meewerken samenwerken aandeslag meedraaien meelopen klussen
            opknappen schilderen
            verven repareren onderhouden bijhouden schoonhouden schoonmaken opruimen vegen schoonvegen prikken
            maaien snoeien wieden planten aanplanten inzaaien zaaien sproeien aanleggen meebouwen timmeren
            koken bakken serveren uitdelen rondbrengen bezorgen ophalen rijden meerijden vervoeren begeleiden
            coachen trainen lesgeven voorlezen oppassen bezoeken langsgaan ondersteunen verzorgen draaien
            bemannen runnen beheren adopteren legen sjouwen opbouwen afbreken klaarzetten rondleiden vertalen
            tolken surveilleren schminken fluiten optreden fotograferen ontwerpen opvangen inzetten poetsen
            wegpoetsen ruimen assisteren meenemen verzamelen inzamelen tuinieren bewaken openhouden
            instrueren uitleggen meeschilderen meeorganiseren langskomen bijstaan steunen kluswerk
            meelopen wandelen brengen halen afhalen opknappen knutselen spelen drukken voortzetten strooien""",
        "nl_nouns": """vrijwilliger vrijwilligers vrijwilligster vrijwilligerswerk vrijwillig vrijwillige maatje
            taalmaatje chauffeur chauffeurs gastvrouw gastvrouwen gastheer verkeersbrigadier verkeersbrigadiers
            overblijfmoeder coach buddy ambassadeur energieambassadeur bijles huiswerkbegeleiding taalles
            spandiensten rondleidingen oppas voorleesouder scheidsrechter scheidsrechters beheer trainer trainers
            begeleider leider leiding conciërge toezicht
            onderhoud boodschappen les lessen cursus workshop workshops training trainingen""",
        "en_verbs": """help volunteer maintain clean paint repair fix cook bake drive coach teach tutor mentor
            babysit visit mind plant weed mow water sweep tidy deliver carry serve run cook read
            translate patrol staff clear support assist build lookafter takecare pick""",
        "en_nouns": """volunteer volunteers buddy driver drivers helper""",
    },
    "organiseren": {
        "nl_verbs": """organiseren coördineren opzetten oprichten starten opstarten beginnen initiëren aanjagen
            trekken voorzitten regelen inrichten aanmaken bijeenroepen mobiliseren optrommelen""",
        "nl_nouns": """initiatief voortouw trekker trekkers trekkersgroep kartrekker organisatie coördinatie
            coördinator bestuur voorzitter penningmeester secretaris beheergroep oppotenzetten kartrekken
            commissie""",
        "en_verbs": """organise organize coordinate set start found launch lead arrange chair""",
        "en_nouns": """charge initiative organiser organizer coordinator committee""",
    },
    "meedenken": {
        "nl_verbs": """meedenken meepraten meebeslissen meekijken adviseren sparren meelezen meeschrijven
            doorrekenen uitwerken onderzoeken vertellen delen bespreken inbrengen""",
        "nl_nouns": """advies klankbordgroep klankbord werkgroep werkgroepen adviesgroep adviesraad bewonerspanel
            panel jongerenraad seniorenraad bewonerscommissie denktank meedenkers mening""",
        "en_verbs": """advise brainstorm share thinkalong siton""",
        "en_nouns": """advice panel soundingboard workinggroup""",
        "markers": """ervaring ervaringen kennis expertise tips ideeën delen share feedback experience knowledge
            ideas working focus steering advisory""",
    },
    "ruimte_middelen": {
        "nl_verbs": """uitlenen lenen doneren sponsoren sponseren meebetalen investeren financieren openstellen
            schenken""",
        "en_verbs": """lend donate sponsor fund invest host""",
        "markers": """ruimte zaal kantine lokaal dak daken grond land weiland tuin garage schuur busje
            aanhanger gereedschap materiaal materialen spullen stoelen beamer geld euro aandeel sponsoring pand
            hal loods keuken stageplekken stageplek plek beschikbaar beschikking space room hall garden
            garage tools trailer money euros pounds roof premises equipment materials pitch bread brood
            fields land zand hout machines available""",
    },
}
# fmt: on

# Kinds in order of specificity: a clause with "werkgroep" and "helpen" is meedenken; "helpen een kerstmarkt
# op te zetten" is organiseren. Generic help ("helpen", "vrijwilliger") is uitvoeren only when nothing more
# specific is said.
_KIND_RANK = {"meedenken": 0, "organiseren": 1, "ruimte_middelen": 2, "uitvoeren": 3}
# fmt: off
_GENERIC_HELP = {"helpen", "help", "helpt", "meehelpen", "vrijwilliger", "vrijwilligers", "vrijwilligerswerk",
                 "volunteer", "volunteers", "vrijwillig", "vrijwillige", "helping", "ondersteunen", "support"}
# fmt: on

# Too generic to be a contribution unless the writer is clearly eager or says "zelf"/"gratis": "ik wil graag
# iets doen voor anderen", "ik kan wel wat betekenen", "I'd love to be part of a working group".
# fmt: off
_GENERIC = (set().union(*(_nl_forms(v) for v in ("doen", "maken", "betekenen", "bouwen", "geven", "leveren",
                                                "bijdragen", "meedoen", "aansluiten", "bieden", "aanbieden",
                                                "staan", "zitten", "proberen")))
            | {"daarin", "erin", "daarbij", "erbij", "in"}
            | _nl_forms("zijn") | {"do", "make", "be", "join", "take", "give", "part", "involved", "provide",
                                    "contribute", "offer", "lend", "bijdrage", "bij"})
# Verbs after a modal that make the clause about the writer's own interest: "ik wil weten", "I'd like to see".
_SELF_VERBS = set().union(*(_nl_forms(v) for v in (
    "weten", "zien", "horen", "kopen", "huren", "wonen", "verhuizen", "krijgen", "vragen", "klagen",
    "zeggen", "snappen", "begrijpen", "kiezen", "parkeren", "betalen", "sporten", "fietsen", "spelen",
    "worden", "blijven", "lezen", "kwijt", "reageren", "melden", "stemmen"))) | {
    "know", "see", "hear", "buy", "rent", "live", "move", "get", "ask", "complain", "say", "understand",
    "choose", "pay", "afford", "stay", "geholpen", "ondersteund", "gehoord", "bedanken", "danken",
    "thank", "aandacht", "feliciteren", "complimenteren",
    "informed", "helped", "kwijt", "wondering", "complaining", "keep"}
# fmt: on
_SELF_VERBS -= {"melden"} | _nl_forms("worden") | _nl_forms("blijven")
# "park" is also the Dutch noun ("in het park"); as an English verb it only matters after "to" (_NOT_CONTRIBUTING)
# Verbs that are no contribution even after "ik wil graag": the fallback for verbs outside the lexicon skips
# them ("ik wil graag verhuizen", "I'd love to see more trees").
# fmt: off
_NOT_CONTRIBUTING = _SELF_VERBS | {
    "wonen", "verhuizen", "weten", "zien", "horen", "kopen", "huren", "parkeren", "fietsen", "sporten", "zwemmen",
    "wandelen", "lopen", "rijden", "eten", "drinken", "slapen", "werken", "leven", "blijven", "komen", "gaan",
    "hebben", "krijgen", "betalen", "vragen", "klagen", "zeggen", "melden", "reageren", "stemmen", "kiezen",
    "lezen", "kijken", "bellen", "mailen", "stoppen", "snappen", "begrijpen", "vinden", "denken", "geloven",
    "hopen", "wensen", "wachten", "zitten", "staan", "liggen", "worden", "zijn", "kunnen", "willen", "mogen",
    "moeten", "laten", "vergeten", "missen", "proberen", "oplossen", "regelen", "aanpakken", "repareren", "maken",
    "leren", "oefenen", "inburgeren", "integreren", "houden", "weggaan", "terugkomen", "opgroeien", "studeren",
    "verdienen", "sparen", "uitgaan", "chillen", "hangen", "skaten", "gamen", "spelen", "trouwen", "verhuren",
    "verkopen", "noemen", "benadrukken", "opmerken", "toevoegen", "aankaarten", "uiten", "herhalen", "bespreken",
    "ontvangen", "gebruiken", "rondkomen", "besparen", "profiteren", "genieten", "reizen", "vertrekken", "zorgen",
    "doen", "geven", "verbeteren", "veranderen", "verbieden", "behouden", "open", "dichtgaan", "sluiten", "slopen",
    "kappen", "bouwen", "see", "know", "hear", "live", "move", "buy", "rent", "pay", "say", "ask", "complain",
    "report", "thank", "point", "mention", "add", "stay", "leave", "talk", "understand", "learn", "find", "get",
    "have", "be", "keep", "express", "remind", "note", "inform", "highlight", "raise", "go", "come", "sell", "park",
    "drive", "walk", "cycle", "play", "eat", "sleep", "work", "travel", "enjoy", "believe", "think", "hope", "wish",
    "wait", "vote", "read", "watch", "visit", "return", "stop", "start", "continue"
}
# fmt: on

# Dutch separable verbs split in a main clause ("ik denk graag mee", "wij pakken het zelf op"): finite forms
# that count only with their particle later in the clause. particle -> {form: kind}.
# fmt: off
_SEPARABLE_STEMS = {
    "mee": {"helpen": "uitvoeren", "denken": "meedenken", "doen": "uitvoeren", "werken": "uitvoeren",
            "draaien": "uitvoeren", "lopen": "uitvoeren", "praten": "meedenken", "kijken": "meedenken",
            "betalen": "ruimte_middelen", "bouwen": "uitvoeren", "rijden": "uitvoeren",
            "organiseren": "organiseren", "beslissen": "meedenken", "schilderen": "uitvoeren"},
    "op": {"knappen": "uitvoeren", "zetten": "organiseren", "ruimen": "uitvoeren", "pakken": "uitvoeren",
           "richten": "organiseren", "starten": "organiseren", "bouwen": "uitvoeren", "vangen": "uitvoeren",
           "halen": "uitvoeren", "trommelen": "organiseren", "lossen": "uitvoeren"},
    "aan": {"leggen": "uitvoeren", "planten": "uitvoeren", "pakken": "uitvoeren", "maken": "organiseren",
            "sluiten": "uitvoeren", "jagen": "organiseren"},
    "bij": {"dragen": "ruimte_middelen", "houden": "uitvoeren", "springen": "uitvoeren", "staan": "uitvoeren"},
    "schoon": {"houden": "uitvoeren", "maken": "uitvoeren", "vegen": "uitvoeren"},
    "rond": {"brengen": "uitvoeren", "leiden": "uitvoeren"},
    "open": {"stellen": "ruimte_middelen", "houden": "uitvoeren"},
    "beschikbaar": {"stellen": "ruimte_middelen"},
    "over": {"nemen": "uitvoeren"},
    "in": {"zaaien": "uitvoeren", "zamelen": "uitvoeren", "richten": "organiseren", "steken": "ruimte_middelen",
           "zetten": "uitvoeren"},
    "langs": {"gaan": "uitvoeren", "komen": "uitvoeren", "brengen": "uitvoeren", "lopen": "uitvoeren"},
    "voor": {"lezen": "uitvoeren"},
    "uit": {"delen": "uitvoeren", "lenen": "ruimte_middelen", "werken": "meedenken", "voeren": "uitvoeren"},
    "klaar": {"zetten": "uitvoeren"},
    "door": {"rekenen": "meedenken", "geven": "uitvoeren"},
    "weg": {"poetsen": "uitvoeren", "brengen": "uitvoeren"},
}
# fmt: on
_PARTICLE_STEMS: dict[str, list[tuple[str, str]]] = {}
for _particle, _verbs in _SEPARABLE_STEMS.items():
    for _verb, _kind in _verbs.items():
        for _form in _nl_forms(_verb):
            _PARTICLE_STEMS.setdefault(_form, []).append((_particle, _kind))
_PARTICLES = set(_SEPARABLE_STEMS)
_MERGE_RE = re.compile(r"\b(" + "|".join(sorted(_PARTICLES)) + r")\s+(?:te\s+)?([a-z\u00e0-\u00ff]+en)\b")


def _build_lexicon():
    """Token -> role flags, and token -> kind, for every word form the rules look at."""
    roles: dict[str, int] = {}
    kinds: dict[str, str] = {}
    markers: dict[str, str] = {}

    def add(words, flag):
        for w in words.split():
            roles[w] = roles.get(w, 0) | flag

    add("ik 'k ikzelf wij we wijzelf i i'm i'd i'll i've we're we'd we'll we've im ill ive onze our", FIRST)
    add("i'd i'll we'd we'll ill", MODAL)
    add("me mij ons us mezelf", FIRST_OBJ)
    add(
        """wil wilt willen wou kan kun kunt kunnen ga gaat gaan zal zult zullen zou zouden mag mogen
        want wants wanna would will can could shall may love blijf blijven""",
        MODAL,
    )
    add(
        """best graag bereid gerust plezier happy glad willing keen available ready gladly happily delighted
        pleased beschikbaar love zeker""",
        EAGER,
    )
    add("wel prima gratis free vrijwillig kosteloos zelf themselves ourselves myself deo", STRONG)
    add(
        """niet geen nooit niemand niets niks nee not never no nobody none nothing neither cannot can't
        won't don't doesn't didn't isn't aren't couldn't wouldn't haven't hasn't nor gestopt stopped quit
        afgemeld helaas unfortunately""",
        NEG,
    )
    add("moet moeten moest moesten hoort horen hoeven hoeft should ought must shouldn't", SHOULD)
    add(
        """gemeente gemeentes college wethouder wethouders burgemeester gemeenteraad raadsleden provincie
        rijk overheid corporatie corporaties woningcorporatie woningbouwvereniging woningbouwcorporatie
        wijkteam buurtteam politie wijkagent ggd wijkverpleging thuiszorg jongerenwerk jongerenwerker
        jongerenwerkers ouderenwerk welzijn welzijnswerk welzijnsorganisatie waterschap ministerie kabinet
        verhuurder council municipality government authorities province police landlord corporation
        city gemeentehuis ambtenaren ambtenaar housing bibliotheek library woonstichting woonbedrijf
        wooncorporatie woningstichting zorginstelling ziekenhuis hospital stadsdeel omgevingsdienst
        veiligheidsregio brandweer""",
        INSTITUTION,
    )
    add("jullie u uw je jij you your", ADDRESSEE)
    add("iemand niemand someone somebody anyone anybody nobody iedereen everyone wie who men", SOMEONE)
    add("zoek zoekt zoeken gezocht nodig looking wanted recruiting seeking needs need versterken", RECRUIT)
    add(
        """excuses excuus sorry apologise apologize apologies apology verontschuldiging verontschuldigingen
        aandacht droom""",
        APOLOGY,
    )
    add(
        """bewoners bewoner bewoonster bewoonsters buurtbewoners deelnemers deelnemer deelneemster deelneemsters
        ouders moeders vaders buurtvaders buurtmoeders tuinders volkstuinders ondernemers ondernemer jongeren
        jongens meiden studenten vrijwilligers vereniging buurtvereniging club stichting coöperatie kerk
        moskee scouting imkers vrouwen mannen mevrouw meneer gepensioneerde tafelgenoot tafelgenoten huurders
        eigenaar boer boeren winkeliers bedrijf bedrijven skaters hondenbezitters leden aanwezigen
        moeder vader bewoonster buren buurvrouw buurman bakker drukker ondernemersvereniging
        residents parents neighbours neighbors members students club church team volunteers owner
        shop business mums dads scouts vrienden enkelen sommigen velen omwonenden friends""",
        PERSON_GROUP,
    )
    add("vroeger ooit destijds toen used vorig vorige geleden formerly", PAST)
    add("ze zij hij they he she", THIRD_PRONOUN)
    add(
        """al elke iedere wekelijks maandelijks nu toch every each already weekly monthly still jaren per vanaf
        voortaan""",
        HABIT,
    )
    add("zou zouden would could i'd we'd", CONDITIONAL)
    add("soms echt waarom why supposed nou straks lekker anders really", RHETORIC)
    add("""loterij postcodeloterij lottery raffle prijsvraag competition""", SELF_OBJECT)
    add(
        """enquête enquete vragenlijst peiling survey questionnaire poll informatieavond inloopavond
        inspraakavond bijeenkomst nieuwsbrief newsletter huurwoning woning wachtlijst uitkering toeslag
        huurtoeslag evening meeting""",
        SELF_OBJECT,
    )

    for kind, groups in _ACTIONS.items():
        for key, words in groups.items():
            for w in words.split():
                if key == "nl_verbs":
                    forms = _nl_forms(w) if w not in ("drukken",) else {w}
                elif key == "en_verbs" and kind == "meedenken":
                    forms = {w, w + "s"}
                elif key == "en_verbs":
                    forms = {w, w + "s", w + "ing", (w[:-1] if w.endswith("e") else w) + "ing", w + w[-1] + "ing"}
                else:
                    forms = {w}
                target = markers if key == "markers" else kinds
                for f in forms:
                    if f not in target or _KIND_RANK[kind] < _KIND_RANK[target[f]]:
                        target[f] = kind
    for w in ("rij", "rijd", "rijdt"):
        kinds[w] = "uitvoeren"
    for w in ("schenken", "schenk", "schenkt"):  # pours coffee more often than it donates
        kinds[w] = "uitvoeren"
    for w in (
        "geven",
        "geef",
        "geeft",
        "leveren",
        "lever",
        "levert",
        "bijdragen",
        "bieden",
        "bied",
        "biedt",
        "aanbieden",
        "provide",
        "provides",
        "contribute",
        "offer",
        "lend",
        "give",
        "chip",
    ):
        kinds[w] = "ruimte_middelen"
    for w in (
        "meedoen",
        "doen",
        "doe",
        "doet",
        "maken",
        "maak",
        "maakt",
        "aansluiten",
        "do",
        "make",
        "join",
        "be",
        "part",
        "take",
        "involved",
        "betekenen",
        "staan",
        "zitten",
        "bouwen",
        "bouw",
        "bouwt",
        "zijn",
        "bij",
        "in",
        "daarin",
        "erin",
        "daarbij",
        "erbij",
        "proberen",
        "probeer",
        "probeert",
    ):
        kinds.setdefault(w, "uitvoeren")
    return roles, kinds, markers


_ROLES, _KINDS, _MARKERS = _build_lexicon()
_NOUNS = {w for g in _ACTIONS.values() for key in ("nl_nouns", "en_nouns") for w in g.get(key, "").split()}
# fmt: off
_ACTION_SUFFIXES = ("vrijwilliger", "vrijwilligster", "vrijwilligers", "maatje", "chauffeur", "coach", "conciërge",
                    "trainer", "begeleider", "ambassadeur")
# fmt: on
_KIND_ANY = set(_KINDS) | set(_PARTICLE_STEMS)  # words _kind_of can say something about (besides suffixes)

# Verbs that are everyday activities as often as contributions ("ik rij elke dag naar mijn werk", "we gaan
# koken bij het jongerenwerk"): they count only with a strong cue or a community word in the clause.
# fmt: off
_AMBIGUOUS = (set().union(*(_nl_forms(v) for v in ("rijden", "wandelen", "lopen", "spelen", "koken", "bakken",
                                                  "brengen", "halen", "werken", "fietsen", "trainen", "zingen",
                                                  "bezoeken", "draaien", "openen", "legen", "leren", "openhouden")))
              | {"rij", "drive", "drives", "driving", "cook", "cooking", "bake", "run", "runs", "running", "walk",
                 "play", "read", "reading", "visit", "build", "building", "fix", "mind", "water", "pick", "clear",
                 "carry", "serve"})
_COMMUNITY_PARTS = ("buurt", "wijk", "dorp", "vrijwillig", "voedsel", "ouderen", "vereniging", "club", "inloop",
                    "boodschappendienst", "belcirkel",
                    "verzorging", "daklo", "hospice", "zorgcentrum", "senior", "jeugd", "speel", "kinderboerderij",
                    "neighbour", "neighbor", "community", "volunteer", "elderly", "residents", "charity")
_COMMUNITY = {"buren", "kinderen", "jongeren", "nieuwkomers", "statushouders", "school", "speeltuin", "maaltijd",
              "chauffeur", "bewoners", "older", "kids", "children", "charity", "library", "bibliotheek", "bieb",
              "zwerfafval", "afval", "litter", "gratis", "free", "iedereen", "anderen", "others", "straat",
              "mantelzorgers", "dementie", "eenzame", "alleenstaande"}
# fmt: on

# fmt: off
_PERSON_NOUNS = {"vrijwilliger", "vrijwilligers", "vrijwilligster", "chauffeur", "chauffeurs", "gastvrouw",
                 "gastvrouwen", "gastheer", "coach", "buddy", "maatje", "volunteer", "volunteers", "driver",
                 "drivers", "helper", "helpers", "trainer", "trainers", "scheidsrechter", "scheidsrechters"}
_ACTIVITY_NOUNS = {"les", "lessen", "bijles", "taalles", "cursus", "workshop", "workshops", "training",
                   "trainingen", "rondleiding", "rondleidingen", "advies", "lessons", "classes", "advice"}
# fmt: on
_RESOURCE_SUFFIXES = ("zaal", "ruimte", "lokaal", "kantine", "busje", "bus", "terrein", "schuur", "loods")
# fmt: off
_COURSES = {"cursus", "cursussen", "les", "lessen", "training", "workshop", "opleiding", "course", "class", "classes",
            "lessons"}
# fmt: on
_RESUMPTIVE = {"het", "dat", "dit", "it", "that", "this", "daar", "er"}
_PAY = {"betalen", "betaal", "betaalt", "bekostigen", "financieren", "pay", "fund"}
_CLAUSE_FINAL_ONLY = {"bij", "in", "daarin", "erin", "daarbij", "erbij"}
# fmt: off
_GIVING = {"bieden", "bied", "biedt", "aanbieden", "leveren", "lever", "levert", "provide", "provides", "supply",
           "offer", "lend", "donate", "contribute"}
# fmt: on
_GIVING_GOODS = {"leveren", "lever", "levert", "provide", "provides", "supply", "lend", "donate"}
_OFFER_VERBS_NL = {"bied", "biedt", "bieden", "bood", "boden", "aanbieden"}
_OFFER_VERBS_EN = {"offer", "offers", "offered", "offering", "volunteered"}
_SIGNUP = {"meld", "meldt", "melden", "aanmelden", "opgeven", "inschrijven", "aangemeld", "opgegeven"}
# A beneficiary in the writer's own household makes help private care, not an offer to the community.
# fmt: off
_HOUSEHOLD = {"moeder", "vader", "kinderen", "kind", "dochter", "zoon", "gezin", "mother", "father", "kids",
              "husband", "wife", "family", "man", "vrouw", "partner", "mijn", "my", "son", "daughter", "zus",
              "broer"}
_AUXILIARY_PAST = {"heb", "hebt", "heeft", "hebben", "had", "hadden", "was", "waren", "werd", "werden", "have",
                   "has", "did", "used"}
_DUTCH_SUBJECT = {"ik", "we", "wij", "de", "het", "er", "ze", "zij", "hij", "dat", "dit", "die", "mijn",
                  "onze", "jullie", "u", "je", "iedereen", "alles", "niemand", "men", "mensen", "daar", "als",
                  "met", "een", "zo", "dan", "nu", "in", "op", "bij", "voor", "ook"}
_MAAR_PARTICLE_AFTER = {"mij", "me", "ons", "het", "dat", "dit", "die", "hem", "ze", "zelf", "dan", "gewoon",
                        "even", "eens", "nou", "ook", "toch", "laat", "doe", "zet", "bel", "mail", "wel"}
# After a separable particle at the end of the clause only these may follow ("ik denk graag mee over ...");
# "sta ik ingeschreven bij Vlietwonen" has a preposition, not a particle.
_AFTER_PARTICLE = {"met", "voor", "aan", "bij", "in", "op", "over", "als", "en", "of", "want", "maar", "dan", "om",
                   "zodat", "omdat", "tijdens", "samen", "te", "zodra", "wanneer", "zo", "hoor", "graag"}
_PLACE_PREPOSITIONS = {"in", "bij", "voor", "aan", "op", "met", "naar", "van", "at", "for", "with", "to", "into",
                       "from", "near", "behind", "achter", "naast", "tegenover"}
# fmt: on
_ARTICLES = {"de", "het", "een", "the", "a", "an"}
_DETERMINERS = {"de", "het", "die", "deze", "dat", "the", "these", "those", "jullie", "uw", "hun", "their"}
_PREPOSITIONS = {"in", "bij", "voor", "als", "aan", "op", "met", "of", "on", "for", "as", "at", "with", "to", "into"}
