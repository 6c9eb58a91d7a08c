#!/usr/bin/env python3
"""Build the health-OUTCOME vocabulary used by the claims linter.

Writes three word lists (lowercase, one term per line, sorted, deduplicated):

    rules/claims/data/outcomes/conditions.txt   diseases, disorders, conditions
    rules/claims/data/outcomes/symptoms.txt     symptoms and complaints
    rules/claims/data/outcomes/body.txt         body systems, organs, parts,
                                                functions and adjective forms

Sources
  1. MedQuAD  github.com/abachaa/MedQuAD  (CC BY 4.0): the <Focus> element of
     every question-answer XML document, read straight out of a (bare) git
     clone with `git cat-file --batch`.  The drug and herb collections
     (11_MPlusDrugs_QA, 12_MPlusHerbsSupplements_QA) and MedlinePlus items
     whose <Category> is "Other" (tests, procedures, services) are skipped;
     <SemanticType> T184 (Sign or Symptom) goes to symptoms.txt (except the
     GARD/GHR rare-disease names and titles ending in "syndrome", "disease",
     "-itis" ...), the rest of the disorder semantic types to conditions.txt.
     Titles are normalised (parentheses, "X - qualifier", "X, qualifier",
     "A and B", subtype numbers) and filtered (tests, procedures, advice
     pages, product poisonings, generic words); see candidates_from_title().
  2. NHS condition pages  github.com/nhsuk/betahealth  (code MIT; page text
     NHS Choices, Crown copyright, Open Government Licence v3.0): the
     "title" of content/conditions/*/manifest.json and
     content/symptoms/*/manifest.json.
  3. Hand-written lists in this file (CC0, written for this project):
     everyday symptom words, body systems/functions/adjectives, common
     conditions (incl. lay and marketing names) missing from 1-2.

Every term is also written in its British and American spelling
(anaemia/anemia, oesophagus/esophagus, tumour/tumor, ageing/aging ...).

Usage
  python scripts/build_outcome_vocab.py \
      --medquad /path/to/MedQuAD.git --betahealth /path/to/betahealth/.git \
      [--out rules/claims/data/outcomes]

Both --medquad and --betahealth take a git directory (bare or .git); the
commit read is HEAD unless --medquad-rev / --betahealth-rev say otherwise.
Only the standard library is used.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import unicodedata
import xml.etree.ElementTree as ET
from pathlib import Path

MEDQUAD_COMMIT = "577bd37b96c02d1833b2c9eed2de9f96964e96cb"
BETAHEALTH_COMMIT = "9cc0bbf71000e5322a5dcedfe4e6b4473ef9313e"

# --------------------------------------------------------------------------
# git helpers
# --------------------------------------------------------------------------


def git(gitdir: str, *args: str, data: bytes | None = None) -> bytes:
    return subprocess.run(["git", "--git-dir", gitdir, *args], input=data, capture_output=True, check=True).stdout


def read_blobs(gitdir: str, rev: str, paths: list[str]) -> dict[str, bytes]:
    """Read many blobs at once with `git cat-file --batch`."""
    req = "".join(f"{rev}:{p}\n" for p in paths).encode()
    out = git(gitdir, "cat-file", "--batch", data=req)
    blobs, i = {}, 0
    for p in paths:
        nl = out.index(b"\n", i)
        header = out[i:nl].split()
        if header[-1] == b"missing":
            i = nl + 1
            continue
        size = int(header[2])
        blobs[p] = out[nl + 1 : nl + 1 + size]
        i = nl + 1 + size + 1
    return blobs


def ls_tree(gitdir: str, rev: str) -> list[str]:
    return git(gitdir, "ls-tree", "-r", "--name-only", rev).decode().splitlines()


# --------------------------------------------------------------------------
# normalisation of MedQuAD / NHS titles into candidate terms
# --------------------------------------------------------------------------

# UMLS semantic types kept from MedQuAD (disorders + findings).
KEEP_TYPES = {
    "T047",  # Disease or Syndrome
    "T191",  # Neoplastic Process
    "T046",  # Pathologic Function
    "T184",  # Sign or Symptom
    "T019",  # Congenital Abnormality
    "T037",  # Injury or Poisoning
    "T048",  # Mental or Behavioral Dysfunction
    "T020",  # Acquired Abnormality
    "T049",  # Cell or Molecular Dysfunction
    "T190",  # Anatomical Abnormality
    "T050",  # Experimental Model of Disease
    "T033",  # Finding (mixed bag: filtered by the word rules below)
    "",  # CDC / NINDS documents carry no annotation; all are diseases
}
SKIP_COLLECTIONS = ("11_MPlusDrugs_QA", "12_MPlusHerbsSupplements_QA")

# Leading phrases that are not part of the name.
PREFIX_RE = re.compile(
    r"^(parasites\s*-\s*|what i need to know about\s+|what is\s+|what are\s+|"
    r"facts about\s+|living with\s+|learning about\s+|about\s+|"
    r"understanding\s+|questions and answers about\s+)",
    re.I,
)

# Parenthetical contents that are qualifiers, not names.
PAREN_QUALIFIERS = {
    "adult",
    "adults",
    "acute",
    "chronic",
    "child",
    "children",
    "childhood",
    "infant",
    "infants",
    "newborn",
    "primary",
    "focal",
    "serum",
    "uncircumcised",
    "community acquired",
    "sexual assault",
    "comprehensive report",
    "for health care professionals",
    "live, intranasal",
    "inactivated or recombinant",
    "hepatocellular",
    "dorsocervical fat pad",
}

# Acronyms (from parentheses) that are kept as terms of their own: 3+ letters
# and not an English word or a clash with a common non-medical meaning.
ACRONYM_ALLOW = {
    "aml",
    "bph",
    "ccds",
    "cfs",
    "chhf",
    "cidp",
    "cll",
    "cml",
    "cmv",
    "cchf",
    "cofs",
    "kfd",
    "luhf",
    "mers",
    "mpph",
    "nbia",
    "ohf",
    "pid",
    "pnh",
    "psvt",
    "rmsf",
    "rsv",
    "sars",
    "vhl",
    "ahf",
}

# Words/phrases that mark a title as a test, procedure, service, product or
# advice page rather than a condition.  Matched on whole words.
NONCOND_WORDS = r"""
test tests testing screen screening scan scans x-ray x-rays xray ultrasound
mri ct biopsy sample specimen culture stain smear panel assay serology titer
titre level levels count electrocardiogram ekg ecg eeg echocardiogram
angiography angiogram mammography mammogram radiography imaging monitoring
monitor exam examination evaluation checkup checkups check-up
surgery surgical operation procedure procedures repair replacement removal
resection reconstruction transplant transplantation implant implants graft
grafting bypass stent stents shunt catheter catheterization ablation
injection injections infusion transfusion dialysis amputation incision
drainage suture sutures anesthesia anaesthesia sedation intubation tube tubes
vaccine vaccines vaccination vaccinations immunization immunizations shot shots
medicine medicines medication medications drug drugs pill pills tablets
therapy therapies treatment treatments treating rehabilitation rehab remedy
remedies care aftercare self-care caregiver caregivers caregiving nursing
diet diets dietary nutrition food foods eating recipes menu
exercise exercises fitness activity activities sports safety prevention
preventing guide guidelines tips resources support overview information
questions faq what when how why you your doctor doctors hospital hospitals
center centers centre centres clinic clinics program programs programme
discharge instructions home insurance costs cost
device devices equipment glasses lenses contact contacts aids prosthesis
babies baby pregnant
statistics research trials trial study studies
coping caring managing taking traveling travelling overcoming recognizing
recognising defining losing dealing living preventing causes risks risk
acupressure acupuncture massage substitutions considerations myths facts
for after has time delivery supplements products shopping habits habit phones
students scams grocery bathing communicating talking creating protecting
recovering quitting inducing making make learn stay prevent presentations
access disparities concerns issues neglect cryotherapy stimulation
antihistamines forceps technique techniques services history training
protection exposure triggers tasks someone emergencies settings healthcare
without measurement index exams aid
""".split()
NONCOND_KEEP = {
    # multi-word terms that would otherwise be hit by the word rules above
    "drug allergy",
    "drug allergies",
    "food allergy",
    "food allergies",
    "food poisoning",
    "food intolerance",
    "eating disorder",
    "eating disorders",
    "binge eating disorder",
    "drug abuse",
    "drug addiction",
    "shortness of breath",
    "contact dermatitis",
    "neural tube defects",
    "neural tube defect",
    "eustachian tube dysfunction",
    "level of consciousness",
    "sports injuries",
    "sports injury",
    "drug-induced lupus",
    "drug-induced hepatitis",
    "low white blood cell count",
    "low blood cell counts",
    "low platelet count",
    "low sperm count",
    "high blood pressure",
    "food intolerances",
    "baby blues",
    "tube feeding",
    "fallopian tube cancer",
    "ovarian cancer",
    "sudden infant death syndrome",
    "graft-versus-host disease",
    "graft versus host disease",
    "eating problems",
}
NONCOND_RE = re.compile(r"\b(" + "|".join(re.escape(w) for w in NONCOND_WORDS) + r")\b")
PROCEDURE_SUFFIX_RE = re.compile(r"\w(ectomy|otomy|ostomy|plasty|scopy|graphy|gram|pexy|rrhaphy|centesis)\b")

# Poisoning/overdose entries are almost all "<household product> poisoning";
# keep only the ones a health text would talk about.
POISONING_KEEP = {
    "food poisoning",
    "lead poisoning",
    "carbon monoxide poisoning",
    "mercury poisoning",
    "arsenic poisoning",
    "alcohol poisoning",
    "blood poisoning",
    "mushroom poisoning",
    "fish poisoning",
    "ciguatera poisoning",
    "shellfish poisoning",
    "iron poisoning",
    "vitamin a poisoning",
    "caffeine overdose",
    "nicotine poisoning",
    "paracetamol overdose",
    "acetaminophen overdose",
    "aspirin overdose",
    "opioid overdose",
}

# Terms produced by the rules that are too generic, not conditions, or
# everyday words that would fire on ordinary English (curated by hand after
# reviewing the output; body words go to body.txt, not here).
_STOP_BLOCK = """
health|the|a|an|and|or|of|in|for|with|disease|diseases|disorder|disorders|
syndrome|syndromes|condition|conditions|problem|problems|common|sign|signs|
symptom|symptoms|illness|illnesses|sickness|type|types|other|general|normal|
abnormal|unknown|miscellaneous|rare|rare diseases|genetic disorders|
infection control|poison|poisoning|overdose|overdoses|emergency|emergencies|
accident|accidents|aging|healthy aging|men|women|children|teens|seniors|
elderly|tobacco|smoking|alcohol|caffeine|noise|sun exposure|heat|weather|
fires|smell|taste|touch|speech|voice|walking|movement|motion|growth|
development|puberty|menstruation|labor|labour|delivery|birth|death|dying|
grief|violence|abuse|bullying|insidious|trauma|acquired|congenital|chronic|
acute|primary|secondary|familial|hereditary|inherited|idiopathic|benign|
malignant|germs|bacteria|virus|viruses|fungi|fungus|parasites|allergens|
mass|masses|bump|bumps|growths|tearing|tears|crying|swallowing|chewing|
yawning|falls|fall|drowning|choking|suffocation|loss|gain|thirst|
short stature|tall stature|cancer survivorship|clinical trials|
aerobic bacteria|anaerobic bacteria|mosaicism|anastomosis|vesicles|
gestational age|appropriate for gestational age|large for gestational age|
small for gestational age|nutrition|infection|infections|
pressure|blood|urine|stool|stools|discharge|urination|abortion|adhesion|
albumin|arginine|l-arginine|aspiration|asymptomatic|bereavement|childbirth|
contraindication|creatinine|deficiency|dentures|disabilities|divorce|
earthquakes|erosion|floods|haematocrit|hematocrit|haemoglobin|hemoglobin|
invasive|lead|parenting|proliferation|pupil|rape|scales|shock|suicide|sweat|
translocation|vasoconstriction|fibrinolysis|succinyl-coa|intersex|bites|burns|
wind|breast reduction|birth control|teenage pregnancy|domestic violence|
sexual assault|child abuse|child sexual abuse|child neglect and emotional abuse|
family history|family issues|health disparities|health problems|
animal diseases|elimination patterns|chemical emergencies|infant reflexes|
ovarian epithelial|glomerular filtration rate|head circumference|
haemoglobin derivatives|hemoglobin derivatives|blood pressure measurement|
body mass index|diabetes eye exams|diagnosis of diabetes|do-not-resuscitate order|
folic acid|adolescent development|heart attack first aid|reportable diseases|
reproductive hazards|surviving cancer|thumb sucking|urine output|
common symptoms|symptoms of heart disease|
"""
STOP_TERMS = {t.strip() for t in _STOP_BLOCK.replace("\n", "").split("|") if t.strip()}

# Parts of "A and B" titles that must not become terms on their own.
AND_PART_BLOCK = {
    "sports",
    "alcohol",
    "exercise",
    "pregnancy",
    "the kidneys",
    "kidneys",
    "painkillers",
    "head",
    "neck",
    "mouth",
    "hand",
    "foot",
    "eye",
    "ear",
    "nose",
    "throat",
    "skin",
    "heart",
    "brain",
    "lung",
    "lungs",
    "breast",
    "bone",
    "bones",
    "blood",
    "work",
    "school",
    "sleep",
    "men",
    "women",
    "children",
    "teens",
    "older adults",
    "diet",
    "travel",
    "sex",
    "sun",
    "heat",
    "cold",
    "water",
    "stroke",
}

# "X and Y" titles whose first half is a topic, not a body part or modifier
AND_TOPIC = {
    "pregnancy",
    "smoking",
    "alcohol",
    "sports",
    "exercise",
    "diet",
    "travel",
    "work",
    "school",
    "sex",
    "sun",
    "heat",
    "driving",
    "aspirin",
    "youth",
    "sugar",
    "intimacy",
    "teens",
    "men",
    "women",
    "children",
    "seniors",
    "caffeine",
    "stress",
    "sleep",
    "nutrition",
    "aging",
    "ageing",
    "hiv",
}

# Explicit fixes for NHS page titles (betahealth manifest "title" fields).
NHS_TITLE_TERMS = {
    "Common cold": ["common cold", "cold", "colds"],
    "Broken or bruised ribs": ["broken ribs", "bruised ribs", "broken rib", "bruised rib"],
    "Earache and pain": ["earache", "ear pain"],
    "Earwax build-up": ["earwax build-up", "earwax"],
    "Hand, foot and mouth disease": ["hand, foot and mouth disease", "hand foot and mouth disease"],
    "Head lice and nits": ["head lice", "nits"],
    "Heat exhaustion and heat stroke": ["heat exhaustion", "heat stroke", "heatstroke"],
    "Heat rash (prickly heat)": ["heat rash", "prickly heat"],
    "Insect bites and stings": ["insect bites", "insect stings"],
    "Piles (haemorrhoids)": ["piles", "haemorrhoids"],
    "Sinusitis (sinus infection)": ["sinusitis", "sinus infection"],
    "Sprains and strains": ["sprains", "sprain"],  # "strains": probiotic strains
    "Thrush in men and women": ["thrush"],
    "Urinary tract infections (UTIs)": ["urinary tract infections", "urinary tract infection", "utis", "uti"],
    "Warts and verrucas": ["warts", "verrucas", "verruca"],
    "Rashes in babies and children": ["rashes", "rash"],
    "Ear infections": ["ear infections", "ear infection"],
    "Mouth ulcers": ["mouth ulcers", "mouth ulcer"],
    "Blisters": ["blisters", "blister"],
}
# NHS pages that are symptoms rather than conditions
NHS_SYMPTOM_TITLES = {
    "Headache",
    "Stomach ache",
    "Rashes in babies and children",
    "Cough",
    "Earache and pain",
    "Sore throat",
    "Nosebleed",
    "Vaginal discharge",
    "Blisters",
}


def clean_text(s: str) -> str:
    s = unicodedata.normalize("NFKC", s)
    s = s.replace("\u2019", "'").replace("\u2018", "'").replace("\u2013", "-").replace("\u2014", "-")
    s = re.sub(r"\s+", " ", s).strip()
    return s


def split_parentheses(s: str) -> tuple[str, list[str]]:
    """Remove (...) and [...] groups; return (main, extra_terms)."""
    extras: list[str] = []
    s = re.sub(r"\[[^\]]*\]", " ", s)
    while True:
        m = re.search(r"\(([^()]*)\)", s)
        if not m:
            break
        inner = m.group(1).strip()
        before, after = s[: m.start()].rstrip(), s[m.end() :].lstrip()
        low = inner.lower()
        aka = re.match(r"(also known as|including|aka|or)\s+(.*)", low)
        if aka:
            extras.append(aka.group(2))
        elif " " not in inner and re.search(r"[A-Z].*[A-Z]|^[A-Z][a-z]?[A-Z]", inner):
            # an acronym: kept only if on the allow-list
            acr = inner.replace(".", "").lower()
            if acr in ACRONYM_ALLOW:
                extras.append(acr)
        elif low in PAREN_QUALIFIERS:
            pass
        elif after and re.match(r"[A-Za-z]", after):
            # synonym of the preceding word in mid-name: "Gum (Periodontal) Disease"
            words = before.split()
            if words:
                extras.append(" ".join([*words[:-1], inner, after]))
        else:
            extras.append(inner)
        s = (before + " " + after).strip()
    return re.sub(r"\s+", " ", s).strip(), extras


TRAILING_NUM_RE = re.compile(r"(,?\s+(type\s+)?[0-9]+[a-z]?(\.[0-9]+)?)+$", re.I)


# A word that on its own names a condition: typical medical suffixes, or a
# head noun such as "disease" at the end of a phrase.
CONDITION_SUFFIX_RE = re.compile(
    r"(itis|itides|osis|oses|iasis|emia|aemia|oma|omas|pathy|pathies|plasia|trophy|"
    r"ia|ias|ism|isms|algia|rrhea|rrhoea|uria|megaly|cele|ectasia|ptosis|iasis|"
    r"deafness|blindness|ness|ency|encies|ure|ures|itus|ae|philia|ites|ema|ata)$"
)
HEAD_NOUN_RE = re.compile(
    r"\b(disease|diseases|syndrome|syndromes|disorder|disorders|deficiency|cancer|cancers|"
    r"tumor|tumors|tumour|tumours|carcinoma|lymphoma|leukemia|leukaemia|infection|infections|"
    r"injury|injuries|pain|palsy|dystrophy|atrophy|fever|fracture|fractures|failure|"
    r"defect|defects|anomaly|anomalies|malformation|malformations|dysplasia|stenosis|"
    r"insufficiency|allergy|allergies|intolerance|abuse|addiction|attack|attacks|"
    r"arrest|ulcer|ulcers|stones|bleeding|loss|poisoning|seizures|seizure|"
    r"rash|cyst|cysts|polyps|hernia|aneurysm|obesity|diabetes|hypertension|"
    r"depression|dementia|arthritis|asthma|flu|influenza|sickness|virus|paralysis|"
    r"spasm|spasms|vomiting|nausea|headache|headaches|sprain|strain|burn|burns|"
    r"wounds|warts|lice|acne|eczema|psoriasis|stroke|strokes|inflammation|"
    r"hemorrhage|haemorrhage|thrombosis|embolism|edema|oedema|problems|problem|"
    r"impairment|dysfunction|condition|conditions|complications)$"
)


def condition_like(term: str, known: set[str]) -> bool:
    """Does a fragment (a part of an "A and B" title) name a condition?"""
    if term in known:
        return True
    last = term.split()[-1] if term.split() else ""
    return bool(HEAD_NOUN_RE.search(term) or (len(last) > 4 and CONDITION_SUFFIX_RE.search(last)))


# MedQuAD lost its non-ASCII letters ("Mnire's disease"); put the common
# ones back (found by looking for tokens that are one vowel short of another).
REPAIRS = [
    (r"\bmnire", "meniere"),
    (r"\bsjgren", "sjogren"),
    (r"\bsz\s?ary\b", "sezary"),
    (r"\bszary\b", "sezary"),
    (r"\blken\b", "loken"),
    (r"\bcaf au lait", "cafe au lait"),
    (r"\bguillain-barr\b", "guillain-barre"),
    (r"\bschnlein", "schonlein"),
    (r"\bbjrnstad", "bjornstad"),
    (r"\bgrsbeck", "grasbeck"),
    (r"\bkster\b", "kuster"),
    (r"\bmllerian", "mullerian"),
    (r"\bstve\b", "stuve"),
    (r"\bwaldenstrm", "waldenstrom"),
    (r"\bzweymller", "zweymuller"),
    (r"\bklver", "kluver"),
    (r"\bhurlerscheie", "hurler-scheie"),
    (r"\balstrm", "alstrom"),
    (r"\bbehet\b", "behcet"),
    (r"\bbirt-hogg-dub\b", "birt-hogg-dube"),
    (r"\bfranois\b", "francois"),
    (r"\blegg-calv\b", "legg-calve"),
]
LEADING_RE = re.compile(r"^(a|an|the|my|your|my child's|your child's|other)\s+")

# Qualifying tails: "diarrhea in infants" -> "diarrhea".
TAIL_RE = re.compile(
    r"\s+(in|during|after|among|for|and the)\s+(children|infants|adults|the elderly|elderly|"
    r"older adults|women|men|teens|teenagers|newborns|babies|pregnancy|labor|labour|"
    r"seniors|kids|young people|athletes|older people|childhood|infancy|girls|boys|"
    r"males|females)$|\s+with onset$"
)


def candidates_from_title(title: str) -> list[tuple[str, str, tuple[str, ...]]]:
    """Turn one MedQuAD focus / NHS title into tagged candidate terms.

    Each candidate is (term, tag, parts):
      "name"  a full name: kept if it passes the word filters;
      "part"  a fragment (half of "A and B", first comma segment of one
              word): kept only if it is condition-like;
      "whole" an "A and B" title: kept only if both parts are condition-like
              or the whole ends in a head noun ("head and neck cancer").
    """
    s = clean_text(title)
    for pat, rep in REPAIRS:
        s = re.sub(pat, rep, s, flags=re.I)
    s = PREFIX_RE.sub("", s)
    s = s.split(":")[0]
    raw: list[tuple[str, str]] = []
    for part in s.split(";"):
        part, extras = split_parentheses(part.strip())
        # "Base - qualifier" (MedlinePlus/A.D.A.M. style): keep the base.
        pieces = [p.strip() for p in re.split(r"\s+-\s+", part) if p.strip()]
        base = pieces[0] if pieces else ""
        for extra in pieces[1:]:
            # a second piece that itself names a disease is kept too
            if re.search(
                r"(itis|osis|emia|aemia|oma|pathy)\b|\b(disease|syndrome|infection|fever|encephalitis|cancer)\b",
                extra,
                re.I,
            ):
                raw.append((extra, "name"))
        # "X, qualifier, ..." (GARD/GHR inverted names): keep the first segment
        if "," in base and not re.fullmatch(r"hand, foot,? and mouth disease", base, re.I):
            base = base.split(",")[0]
            raw.append((base, "name" if len(base.split()) > 1 else "part"))
        else:
            raw.append((base, "name"))
        raw.extend((e, "name") for e in extras)
    final: list[tuple[str, str, tuple[str, ...]]] = []
    for t, tag in raw:
        t = t.lower().strip(" .,-'\"")
        t = TRAILING_NUM_RE.sub("", t) if not re.fullmatch(r"type [0-9]+ \w.*", t) else t
        t = re.sub(r"\s+", " ", t).strip(" .,-")
        while TAIL_RE.search(t):
            t = TAIL_RE.sub("", t)
        t = LEADING_RE.sub("", t)
        if not t:
            continue
        m = re.fullmatch(r"([a-z0-9' -]+?) (and|or) ([a-z0-9' -]+)", t)
        if m and "," not in t:
            a, conj, b = m.group(1).strip(), m.group(2), m.group(3).strip()
            # "stuffy or runny nose": the adjective half borrows the noun
            if conj == "or" and len(a.split()) == 1 and len(b.split()) == 2:
                a = a + " " + b.split()[1]
            a, b = LEADING_RE.sub("", a), LEADING_RE.sub("", b)
            for p in (a, b):
                if p not in AND_PART_BLOCK:
                    final.append((p, "part", ()))
            # the whole title is kept only for "head and neck cancer" shapes,
            # where the second half alone would lose the first's meaning
            if conj == "and" and len(a.split()) == 1 and len(b.split()) >= 2:
                final.append((t, "whole", (a, b)))
        else:
            final.append((t, tag, ()))
    return final


def resolve(cands, known: set[str]) -> list[str]:
    out = []
    for t, tag, parts in cands:
        if tag == "name":
            out.append(t)
        elif tag == "part":
            if condition_like(t, known):
                out.append(t)
        elif tag == "whole":
            a, b = parts
            if a not in AND_TOPIC and not condition_like(a, known) and HEAD_NOUN_RE.search(b):
                out.append(t)
    return out


ALLOWED_DIGIT_RE = re.compile(
    r"^(type [0-9]+[a-z]? .*|.* type [0-9]+[a-z]?|covid-19|alpha-1 antitrypsin deficiency|"
    r"trisomy (13|18|21)|h1n1.*|.*\bcopd\b.*|non 24 hour sleep wake disorder|"
    r"hepatitis [a-e]|.*\b(gm[0-9]|mecp2|cdkl5|pten|nglyl?1)\b.*)$"
)


def acceptable(t: str) -> bool:
    if t in STOP_TERMS:
        return False
    if len(t) < 3 and t not in {"ms"}:
        return False
    if len(t.split()) > 6:
        return False
    if not re.search(r"[a-z]{3}", t):
        return False
    if re.search(r"[0-9]", t):
        if re.search(r"^[0-9]|\b[0-9]+[pq][0-9]|\b[0-9]+,\s*x|\bchromosome\b", t):
            return False
        if not ALLOWED_DIGIT_RE.match(t) and re.search(r"\b[0-9]", t):
            # digits as a separate token (subtype numbers) are noise
            return False
    if t not in NONCOND_KEEP and (NONCOND_RE.search(t) or PROCEDURE_SUFFIX_RE.search(t)):
        return False
    if re.search(r"\b(poisoning|overdose)\b", t) and t not in POISONING_KEEP:
        return False
    return not re.search(r"[/&+@#%=<>\[\]{}()]", t)


# --------------------------------------------------------------------------
# UK/US spelling variants
# --------------------------------------------------------------------------
US_TO_UK = [
    (r"(?<!a)emia\b", "aemia"),
    (r"(?<!a)emias\b", "aemias"),
    (r"(?<=an|ch|yc|ur|uk|ic|ox|al|tr)emic\b", "aemic"),
    (r"\bhem(?=[oa])", "haem"),
    (r"\bedema|(?<=lymph)edema|(?<=angio)edema|(?<=myx)edema|(?<=lip)edema|(?<=papill)edema", "oedema"),
    (r"(?<!o)esophag", "oesophag"),
    (r"tumor", "tumour"),
    (r"rrhea", "rrhoea"),
    (r"pnea\b", "pnoea"),
    (r"\bpediatr", "paediatr"),
    (r"orthoped", "orthopaed"),
    (r"gynecolog", "gynaecolog"),
    (r"(?<!o)\bestrogen", "oestrogen"),
    (r"\bceliac", "coeliac"),
    (r"\baging", "ageing"),
    (r"\bfiber", "fibre"),
    (r"\bbehavior", "behaviour"),
    (r"\bodor\b", "odour"),
    (r"\bdefenses\b", "defences"),
    (r"\bcesarean", "caesarean"),
    (r"\banesthe", "anaesthe"),
]
UK_TO_US = [
    (r"aemia\b", "emia"),
    (r"aemias\b", "emias"),
    (r"aemic\b", "emic"),
    (r"\bhaem", "hem"),
    (r"oedema", "edema"),
    (r"oesophag", "esophag"),
    (r"tumour", "tumor"),
    (r"rrhoea", "rrhea"),
    (r"pnoea\b", "pnea"),
    (r"paediatr", "pediatr"),
    (r"orthopaed", "orthoped"),
    (r"gynaecolog", "gynecolog"),
    (r"\boestrogen", "estrogen"),
    (r"\bcoeliac", "celiac"),
    (r"\bageing", "aging"),
    (r"\bfibre", "fiber"),
    (r"\bbehaviour", "behavior"),
    (r"\bodour\b", "odor"),
    (r"\bdefences\b", "defenses"),
    (r"\bcaesarean", "cesarean"),
    (r"\banaesthe", "anesthe"),
]


def spelling_variants(term: str) -> set[str]:
    """The term plus its British and American spellings."""
    uk, us = term, term
    for pat, rep in US_TO_UK:
        uk = re.sub(pat, rep, uk)
    for pat, rep in UK_TO_US:
        us = re.sub(pat, rep, us)
    return {term, uk, us}


# --------------------------------------------------------------------------
# hand-written lists (CC0, written for this project)
# --------------------------------------------------------------------------

HAND_SYMPTOMS = """
pain|pains|ache|aches|aching|aches and pains|chronic pain|persistent pain|
back pain|lower back pain|backache|neck pain|joint pain|joint pains|knee pain|
hip pain|shoulder pain|muscle pain|muscle pains|muscle aches|muscle ache|
sore muscles|muscle soreness|soreness|muscle cramps|muscle cramp|cramps|cramp|
cramping|muscle spasms|muscle tension|period pain|period pains|menstrual cramps|
painful periods|heavy periods|irregular periods|nerve pain|foot pain|heel pain|
jaw pain|tooth pain|toothache|sensitive teeth|bleeding gums|headache|headaches|
tension headaches|inflammation|chronic inflammation|systemic inflammation|
gut inflammation|joint inflammation|inflamed joints|swelling|swollen joints|
stiffness|joint stiffness|stiff joints|achy joints|creaky joints|sore joints|
tenderness|discomfort|fatigue|chronic fatigue|tiredness|exhaustion|
low energy|lack of energy|lethargy|sluggishness|weakness|muscle weakness|
drowsiness|daytime sleepiness|brain fog|mental fatigue|poor concentration|
lack of focus|poor focus|forgetfulness|memory loss|poor memory|memory problems|
cognitive decline|mental decline|confusion|sleeplessness|trouble sleeping|
sleep problems|sleep issues|poor sleep|restless sleep|broken sleep|
night waking|nightmares|snoring|restlessness|stress|chronic stress|anxiety|
anxiousness|nervousness|panic attacks|low mood|bad mood|
mood swings|irritability|sadness|burnout|lack of motivation|
low self-esteem|jitters|bloating|bloated stomach|bloated belly|gas|
flatulence|trapped wind|heartburn|acid reflux|reflux|nausea|vomiting|
upset stomach|stomach upset|stomach ache|stomach pain|stomach cramps|
tummy ache|tummy troubles|abdominal pain|belly pain|constipation|
diarrhoea|loose stools|irregular bowel movements|irregularity|
sluggish digestion|poor digestion|digestive problems|digestive issues|
digestive discomfort|gut problems|gut issues|cravings|sugar cravings|
food cravings|loss of appetite|poor appetite|overeating|weight gain|
stubborn fat|slow metabolism|sluggish metabolism|energy crashes|
sugar crashes|blood sugar spikes|blood sugar crashes|insulin spikes|
itching|itch|itchiness|itchy skin|dry skin|oily skin|sensitive skin|
dehydrated skin|dull skin|rough skin|flaky skin|irritated skin|skin irritation|
rash|rashes|redness|blotchy skin|spots|pimples|pimple|zits|blemishes|
breakouts|blackheads|whiteheads|clogged pores|enlarged pores|large pores|
dark spots|age spots|sun spots|pigmentation|hyperpigmentation|
uneven skin tone|wrinkles|wrinkle|fine lines|crow's feet|sagging skin|
loose skin|skin laxity|cellulite|stretch marks|scars|scarring|acne scars|
dark circles|puffy eyes|eye bags|puffiness|premature ageing|premature aging|
signs of ageing|signs of aging|visible signs of ageing|sun damage|hair loss|
thinning hair|hair thinning|hair fall|receding hairline|dandruff|
flaky scalp|itchy scalp|grey hair|gray hair|greying|graying|brittle nails|
weak nails|brittle hair|frizz|split ends|dry eyes|tired eyes|eye strain|
eyestrain|blurred vision|blurry vision|poor vision|failing eyesight|
floaters|tinnitus|ringing in the ears|ringing ears|blocked ears|
hearing problems|dizziness|dizzy spells|vertigo|light-headedness|
lightheadedness|fainting|palpitations|heart palpitations|racing heart|
irregular heartbeat|chest pain|chest tightness|shortness of breath|
breathlessness|wheezing|wheeze|cough|coughs|coughing|chesty cough|
dry cough|congestion|nasal congestion|chest congestion|stuffy nose|
blocked nose|runny nose|sneezing|sinus pressure|catarrh|phlegm|mucus|
sore throat|scratchy throat|fever|fevers|high temperature|chills|shivering|
night sweats|sweating|excessive sweating|hot flashes|hot flushes|
body odour|body odor|bad breath|halitosis|dry mouth|frequent urination|
bladder leaks|bladder weakness|leaky bladder|urinary urgency|
nighttime urination|low libido|loss of libido|low sex drive|
poor sexual performance|vaginal dryness|numbness|tingling|pins and needles|
tremor|tremors|twitching|muscle twitching|restless legs|cold hands|
cold feet|poor circulation|water retention|fluid retention|swollen ankles|
swollen legs|swollen feet|heavy legs|tired legs|bruising|easy bruising|
bruises|slow healing|slow wound healing|jet lag|hangover|hangovers|
teeth grinding|oxidative stress|free radical damage|cell damage|
muscle loss|bone loss|joint wear|wear and tear|joint degeneration|
cartilage loss|cartilage damage|loss of mobility|limited mobility|
reduced mobility|poor posture|hormonal imbalance|hormone imbalance|
hormonal imbalances|menopause symptoms|menopausal symptoms|pms symptoms|
mood changes|appetite changes|toxin build-up|toxic build-up|
low immunity|weak immune system|weakened immune system|poor immunity|
frequent colds|recurring infections|breathing difficulties|
breathing problems|difficulty breathing|difficulty sleeping|
difficulty concentrating|itchy eyes|watery eyes|red eyes|sore eyes|
nosebleed|nosebleeds|vaginal discharge|blisters|blister|hives|welts|
sunburn|chafing|calluses|corns|cracked heels|dry hands|chapped lips|
cold sores|ulcers|mouth ulcers|canker sores|plaque build-up|
dental plaque|tartar|stained teeth|tooth sensitivity|cavities|
"""

HAND_BODY = """
body|immune system|immunity|immune|immune health|immune function|
immune response|immune defences|immune defenses|natural defences|
natural defenses|body's defences|body's defenses|white blood cells|
antibodies|t cells|lymphatic system|lymphatic|lymph|lymph nodes|glands|
digestion|digestive|digestive system|digestive health|digestive tract|
digestive function|gut|guts|gut health|gut function|gut lining|gut flora|
gut microbiome|gut bacteria|good bacteria|friendly bacteria|microbiome|
microbiota|intestinal flora|bowel|bowels|bowel function|bowel health|
bowel movements|regularity|intestines|intestine|intestinal|small intestine|
large intestine|colon|colon health|stomach|stomach lining|gastrointestinal|
gi tract|oesophagus|esophagus|metabolism|metabolic|metabolic health|
metabolic rate|fat burning|fat metabolism|body fat|belly fat|visceral fat|
fat loss|weight|body weight|weight loss|weight management|healthy weight|
body composition|waistline|waist|belly|tummy|abdomen|abdominal|appetite|
satiety|blood sugar|blood sugar levels|blood glucose|glucose|glucose levels|
glucose metabolism|insulin|insulin sensitivity|insulin levels|brain|brains|
brain health|brain function|brain power|brainpower|cognitive|cognition|
cognitive function|cognitive health|cognitive performance|memory|
short-term memory|long-term memory|focus|concentration|attention|
attention span|mental clarity|mental focus|mental performance|
mental energy|alertness|mental health|mental wellbeing|mental well-being|
emotional wellbeing|emotional health|mood|moods|nervous system|
central nervous system|nerves|nerve|nerve health|nerve function|
neurological|neurologic|neural|neurons|neurotransmitters|serotonin|
dopamine|cortisol|cortisol levels|melatonin|sleep|sleep quality|deep sleep|
restful sleep|sleep cycle|sleep patterns|circadian rhythm|relaxation|
stress response|stress levels|wellbeing|well-being|wellness|vitality|
energy|energy levels|stamina|endurance|athletic performance|
exercise performance|physical performance|strength|muscle strength|
muscle mass|muscle growth|muscle tone|lean muscle|muscle recovery|
muscle function|recovery|mobility|flexibility|range of motion|posture|
longevity|lifespan|healthy ageing|healthy aging|ageing|aging|anti-ageing|
anti-aging|youthfulness|skin|skin health|skin tone|skin texture|
skin elasticity|skin barrier|skin hydration|complexion|elasticity|collagen|
collagen production|elastin|hair|hair growth|hair health|scalp|
scalp health|nails|nail health|teeth|tooth|gums|gum health|oral health|
dental health|eyes|eye|eye health|eyesight|vision|night vision|retina|
macula|lens|hearing|ears|ear|heart|heart health|heart function|
cardiovascular|cardiovascular health|cardiovascular system|cardiac|
circulation|circulatory|circulatory system|blood flow|blood vessels|
blood vessel|arteries|artery|arterial|veins|vein|venous|capillaries|
vascular|blood|blood pressure|blood cells|red blood cells|cholesterol|
cholesterol levels|ldl|hdl|ldl cholesterol|hdl cholesterol|
bad cholesterol|good cholesterol|triglycerides|blood lipids|lipids|
heart rate|heartbeat|heart rhythm|lungs|lung|lung health|lung function|
respiratory|respiratory system|respiratory health|respiratory tract|
airways|airway|breathing|sinuses|sinus|nose|nasal|throat|liver|
liver health|liver function|hepatic|kidneys|kidney|kidney health|
kidney function|renal|bladder|bladder health|bladder function|
bladder control|urinary tract|urinary|urinary health|urinary function|
prostate|prostate health|detox|detoxification|detoxing|toxins|toxin|
joints|joint|joint health|joint function|joint mobility|joint flexibility|
cartilage|ligaments|ligament|tendons|tendon|connective tissue|bones|bone|
bone health|bone density|bone strength|bone mass|skeleton|skeletal|spine|
spinal|lower back|knees|knee|hips|hip|shoulders|shoulder|wrists|wrist|
elbows|elbow|ankles|ankle|muscles|muscle|muscular|musculoskeletal|
hormones|hormone|hormonal|hormone balance|hormonal balance|
hormonal health|hormone levels|endocrine|endocrine system|thyroid|
thyroid health|thyroid function|thyroid hormones|adrenal|adrenals|
adrenal glands|adrenal health|adrenal function|pancreas|libido|sex drive|
sexual health|sexual function|sexual performance|sexual wellness|
erections|erectile function|fertility|male fertility|female fertility|
reproductive health|reproductive system|reproductive|menstrual cycle|
menstrual health|menstrual|ovulation|ovaries|uterus|womb|pregnancy|
testosterone|testosterone levels|oestrogen|estrogen|progesterone|
growth hormone|sperm|sperm count|sperm quality|sperm health|
women's health|men's health|hydration|electrolytes|electrolyte balance|
fluid balance|cells|cell|cellular|cellular health|cellular energy|
cell regeneration|cell renewal|mitochondria|mitochondrial|dna|telomeres|
tissue|tissues|tissue repair|wound healing|healing|face|facial|pores|
eyelashes|lashes|eyebrows|lips|mouth|breath|feet|foot|hands|hand|legs|
leg|chest|neck|head|spleen|gallbladder|appendix|tonsils|breasts|breast|
genitals|vagina|vaginal|vaginal health|penis|testicles|pelvic floor|
pelvic|nervous|gut-brain axis|acid-base balance|ph balance|
body temperature|thermogenesis|blood oxygen|oxygen levels|
oxygen uptake|vo2 max|iron levels|vitamin d levels|nutrient absorption|
absorption|dermal|epidermis|dermis|ocular|auditory|pulmonary|
gastric|hepatic function|renal function|cerebral|neuronal|synapses|
brain cells|nerve cells|skin cells|stem cells|microcirculation|urination|
muscle health|muscle endurance|gut barrier|intestinal lining|intestinal health|
blood circulation|liver detox|liver detoxification|weight control|
energy production|skin renewal|skin repair|skin radiance|skin glow|lactation|
bone marrow|joint cartilage|sleep-wake cycle|metabolic function|neurocognitive|
"""

HAND_CONDITIONS = """
arthritis|osteoarthritis|rheumatoid arthritis|psoriatic arthritis|
diabetes|type 1 diabetes|type 2 diabetes|prediabetes|pre-diabetes|
insulin resistance|metabolic syndrome|high blood pressure|hypertension|
low blood pressure|high cholesterol|hypercholesterolaemia|heart disease|
cardiovascular disease|coronary heart disease|heart attack|heart attacks|
heart failure|stroke|strokes|cancer|cancers|tumour|tumours|tumor|tumors|
obesity|overweight|depression|anxiety disorder|anxiety disorders|seasonal affective disorder|
adhd|autism|autism spectrum disorder|dementia|alzheimer's|
alzheimer's disease|alzheimers|parkinson's|parkinson's disease|
multiple sclerosis|fibromyalgia|chronic fatigue syndrome|me/cfs|
myalgic encephalomyelitis|long covid|covid|covid-19|coronavirus|flu|
influenza|common cold|cold|colds|coughs and colds|colds and flu|
sinusitis|sinus infection|allergies|allergy|seasonal allergies|hay fever|
asthma|eczema|atopic dermatitis|psoriasis|acne|adult acne|hormonal acne|
rosacea|dermatitis|warts|fungal infection|fungal infections|
athlete's foot|thrush|candida|candida overgrowth|yeast infection|
yeast infections|urinary tract infection|urinary tract infections|uti|
utis|cystitis|ibs|irritable bowel syndrome|ibd|inflammatory bowel disease|
crohn's|crohn's disease|ulcerative colitis|colitis|coeliac disease|
celiac disease|gluten intolerance|gluten sensitivity|lactose intolerance|
food intolerance|food intolerances|food allergy|food allergies|leaky gut|
leaky gut syndrome|sibo|small intestinal bacterial overgrowth|gerd|gord|
acid reflux disease|gastro-oesophageal reflux disease|gastritis|ulcer|
stomach ulcer|stomach ulcers|peptic ulcer|gallstones|kidney stones|
fatty liver|fatty liver disease|nafld|nash|cirrhosis|hepatitis|
liver disease|kidney disease|chronic kidney disease|osteoporosis|
osteopenia|gout|tendonitis|tendinitis|bursitis|plantar fasciitis|
sciatica|carpal tunnel|carpal tunnel syndrome|herniated disc|
slipped disc|bulging disc|degenerative disc disease|sprain|sprains|
strains|fracture|fractures|sports injuries|sports injury|concussion|
cataract|cataracts|glaucoma|macular degeneration|
age-related macular degeneration|amd|dry eye disease|dry eye syndrome|
hearing loss|erectile dysfunction|impotence|premature ejaculation|
infertility|male infertility|female infertility|pcos|
polycystic ovary syndrome|polycystic ovarian syndrome|endometriosis|
fibroids|menopause|perimenopause|pms|pmt|premenstrual syndrome|pmdd|
anaemia|anemia|iron deficiency|iron deficiency anaemia|vitamin d deficiency|
vitamin b12 deficiency|vitamin deficiency|nutrient deficiencies|
nutritional deficiencies|hypothyroidism|hyperthyroidism|thyroid disease|
underactive thyroid|overactive thyroid|hashimoto's|hashimoto's disease|
graves' disease|autoimmune disease|autoimmune diseases|autoimmune conditions|
lupus|lyme disease|shingles|herpes|genital herpes|hiv|std|stds|sti|stis|
sexually transmitted infections|sexually transmitted diseases|viral infection|
viral infections|bacterial infection|bacterial infections|infection|
infections|chest infection|tonsillitis|bronchitis|pneumonia|copd|emphysema|
sleep apnoea|sleep apnea|obstructive sleep apnoea|insomnia|narcolepsy|
restless legs syndrome|migraine|migraines|cluster headaches|epilepsy|
seizures|neuropathy|peripheral neuropathy|diabetic neuropathy|ptsd|ocd|
bipolar disorder|schizophrenia|eating disorders|anorexia|bulimia|
addiction|alcoholism|alcohol addiction|varicose veins|spider veins|
haemorrhoids|hemorrhoids|piles|hernia|atherosclerosis|arteriosclerosis|
clogged arteries|hardening of the arteries|blood clots|blood clot|dvt|
deep vein thrombosis|arrhythmia|atrial fibrillation|afib|angina|
periodontal disease|gum disease|gingivitis|periodontitis|tooth decay|
dental caries|sarcopenia|frailty|cognitive impairment|
mild cognitive impairment|adrenal fatigue|chronic lyme|mold illness|
mould illness|candidiasis|sepsis|measles|mumps|chickenpox|whooping cough|
tuberculosis|malaria|ebola|zika|dengue|norovirus|stomach bug|
stomach flu|gastroenteritis|food poisoning|salmonella|e. coli|mrsa|hpv|
swine flu|bird flu|h1n1|chlamydia|gonorrhoea|gonorrhea|syphilis|
baldness|male pattern baldness|female pattern hair loss|alopecia|
vitiligo|melasma|keratosis pilaris|cellulitis|impetigo|ringworm|
scabies|head lice|nits|conjunctivitis|pink eye|stye|blepharitis|
ear infection|ear infections|glue ear|earwax|tinnitus|meniere's disease|
vertigo|labyrinthitis|bell's palsy|trigeminal neuralgia|
chronic pain syndrome|complex regional pain syndrome|crps|
frozen shoulder|tennis elbow|golfer's elbow|runner's knee|shin splints|
rotator cuff injury|whiplash|repetitive strain injury|rsi|
joint degeneration|cartilage degeneration|degenerative joint disease|
ankylosing spondylitis|polymyalgia rheumatica|osteomyelitis|
scoliosis|kyphosis|spinal stenosis|spondylosis|cervical spondylosis|
stiff neck|cancer cachexia|leukaemia|leukemia|lymphoma|melanoma|
skin cancer|breast cancer|prostate cancer|lung cancer|bowel cancer|
colon cancer|colorectal cancer|pancreatic cancer|ovarian cancer|
cervical cancer|stomach cancer|liver cancer|brain tumour|brain tumor|
kidney failure|renal failure|liver failure|heart disease|
congestive heart failure|high triglycerides|hyperlipidaemia|
hyperlipidemia|dyslipidaemia|dyslipidemia|hypoglycaemia|hypoglycemia|
hyperglycaemia|hyperglycemia|gestational diabetes|diabetic retinopathy|
retinopathy|kidney infection|bladder infection|overactive bladder|
urinary incontinence|incontinence|enlarged prostate|prostatitis|
benign prostatic hyperplasia|low testosterone|hypogonadism|
andropause|erectile problems|vaginal atrophy|bacterial vaginosis|
postnatal depression|postpartum depression|morning sickness|
colic|teething|nappy rash|diaper rash|cradle cap|croup|
dehydration|heat stroke|heatstroke|hypothermia|frostbite|sunburn|
motion sickness|travel sickness|altitude sickness|jet lag disorder|
hangover|chronic sinusitis|rhinitis|allergic rhinitis|nasal polyps|
laryngitis|glandular fever|mononucleosis|cold sores|mouth ulcers|
oral thrush|dry socket|tmj|tmj disorder|bruxism|halitosis|
irritable bowel|diverticulitis|diverticular disease|haemorrhoid|
anal fissure|constipation|chronic constipation|diarrhoea|diarrhea|
indigestion|dyspepsia|heartburn|
"""


def parse_block(block: str) -> set[str]:
    return {t.strip().lower() for t in block.replace("\n", "").split("|") if t.strip()}


# Terms that must not appear in any file: ordinary English words (or other
# senses: "strains" of probiotics, AMD processors, the surname Nash) that
# would fire far more often on non-health text than on an outcome.
GLOBAL_BLOCK = {
    "add",
    "aids",
    "sad",
    "pots",
    "back",
    "arms",
    "periods",
    "pulse",
    "balance",
    "calm",
    "performance",
    "clarity",
    "learning",
    "nervous",
    "nash",
    "strains",
    "amd",
    "overwhelm",
    "shaking",
    "worry",
    "tension",
    "wind",
}


# --------------------------------------------------------------------------
# extraction
# --------------------------------------------------------------------------


def medquad_records(gitdir: str, rev: str):
    files = [p for p in ls_tree(gitdir, rev) if p.endswith(".xml")]
    blobs = read_blobs(gitdir, rev, files)
    for path in files:
        if path.startswith(SKIP_COLLECTIONS):
            continue
        body = blobs.get(path)
        if body is None:
            continue
        root = ET.fromstring(body)
        focus = (root.findtext("Focus") or "").strip()
        category = (root.findtext(".//Category") or "").strip()
        types = {(x.text or "").strip() for x in root.findall(".//SemanticType")} or {""}
        yield path, focus, category, types


def extract_medquad(gitdir: str, rev: str):
    conditions: dict[str, str] = {}
    symptoms: dict[str, str] = {}
    n_docs = 0
    focus_seen = set()
    pending = []
    for path, focus, category, types in medquad_records(gitdir, rev):
        n_docs += 1
        if not focus or category == "Other":
            continue
        if not (types & KEEP_TYPES):
            continue
        focus_seen.add(focus)
        # Sign-or-Symptom documents from the consumer collections are symptoms;
        # GARD/GHR rare-disease names typed T184 are syndromes, not symptoms.
        is_symptom = "T184" in types and not path.startswith(("2_GARD_QA", "3_GHR_QA"))
        pending.append((path, is_symptom, candidates_from_title(focus)))
    # ...and a T184 title that is plainly a named disease stays a condition
    named_disease = re.compile(r"(syndrome|disorders?|disease|paralysis|itis|herpetiformis)$")
    # full names seen anywhere decide whether a fragment is a known condition
    known = {t for _, _, cands in pending for t, tag, _ in cands if tag == "name" and acceptable(t)}
    for path, is_symptom, cands in pending:
        for t in resolve(cands, known):
            if acceptable(t):
                target = symptoms if is_symptom and not named_disease.search(t) else conditions
                target.setdefault(t, path)
    return conditions, symptoms, n_docs, len(focus_seen)


def extract_nhs(gitdir: str, rev: str):
    conditions, symptoms = {}, {}
    paths = [p for p in ls_tree(gitdir, rev) if re.fullmatch(r"content/(conditions|symptoms)/[^/]+/manifest\.json", p)]
    blobs = read_blobs(gitdir, rev, paths)
    for p in paths:
        title = clean_text(json.loads(blobs[p]).get("title", ""))
        terms = NHS_TITLE_TERMS.get(title) or resolve(candidates_from_title(title), set())
        target = symptoms if (p.startswith("content/symptoms/") or title in NHS_SYMPTOM_TITLES) else conditions
        for t in terms:
            t = t.lower()
            if t not in STOP_TERMS or title in NHS_TITLE_TERMS:
                target.setdefault(t, p)
    return conditions, symptoms, len(paths)


def expand(terms) -> set[str]:
    out = set()
    for t in terms:
        out |= spelling_variants(t)
    return out


def write_list(path: Path, header: list[str], terms: set[str]) -> None:
    lines = ["# " + h if h else "#" for h in header]
    path.write_text("\n".join(lines + sorted(terms)) + "\n", encoding="utf-8")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--medquad", required=True, help="git dir of abachaa/MedQuAD")
    ap.add_argument("--betahealth", required=True, help="git dir of nhsuk/betahealth")
    ap.add_argument("--medquad-rev", default="HEAD")
    ap.add_argument("--betahealth-rev", default="HEAD")
    ap.add_argument("--out", default=str(Path(__file__).resolve().parent.parent / "rules/claims/data/outcomes"))
    ap.add_argument("--stats", action="store_true", help="print source counts")
    a = ap.parse_args(argv)

    mq_commit = git(a.medquad, "rev-parse", a.medquad_rev).decode().strip()
    bh_commit = git(a.betahealth, "rev-parse", a.betahealth_rev).decode().strip()
    for name, got, want in (("MedQuAD", mq_commit, MEDQUAD_COMMIT), ("betahealth", bh_commit, BETAHEALTH_COMMIT)):
        if got != want:
            print(f"warning: {name} is at {got}, lists were reviewed at {want}", file=sys.stderr)

    mq_cond, mq_symp, n_docs, n_focus = extract_medquad(a.medquad, a.medquad_rev)
    nhs_cond, nhs_symp, n_pages = extract_nhs(a.betahealth, a.betahealth_rev)

    hand_symp = parse_block(HAND_SYMPTOMS)
    hand_body = parse_block(HAND_BODY)
    hand_cond = parse_block(HAND_CONDITIONS)

    # one home per term: body > hand-written symptoms > hand-written
    # conditions > MedQuAD/NHS symptoms > MedQuAD/NHS conditions
    body = expand(hand_body)
    symptoms = (expand(set(mq_symp) | set(nhs_symp)) - expand(hand_cond)) | expand(hand_symp)
    conditions = expand(set(mq_cond) | set(nhs_cond) | hand_cond)
    symptoms -= body
    conditions -= body | symptoms
    for s in (body, symptoms, conditions):
        s -= GLOBAL_BLOCK

    out = Path(a.out)
    out.mkdir(parents=True, exist_ok=True)
    common = [
        "Generated by scripts/build_outcome_vocab.py; do not edit by hand (edit the script).",
        "Provenance and licences: README.md in this folder.",
    ]
    write_list(
        out / "conditions.txt",
        [
            "Health outcome vocabulary: diseases, disorders and conditions.",
            f"Sources: MedQuAD <Focus> terms (github abachaa/MedQuAD @ {mq_commit[:12]}, CC BY 4.0);",
            f"NHS condition page titles (github nhsuk/betahealth @ {bh_commit[:12]}, MIT code / OGL v3.0 text);",
            "hand-written additions (CC0).",
            *common,
        ],
        conditions,
    )
    write_list(
        out / "symptoms.txt",
        [
            "Health outcome vocabulary: symptoms and complaints.",
            "Sources: MedQuAD <Focus> terms typed T184 Sign or Symptom "
            f"(abachaa/MedQuAD @ {mq_commit[:12]}, CC BY 4.0);",
            f"NHS symptom page titles (nhsuk/betahealth @ {bh_commit[:12]}, OGL v3.0); hand-written list (CC0).",
            *common,
        ],
        symptoms,
    )
    write_list(
        out / "body.txt",
        [
            "Health outcome vocabulary: body systems, organs, parts, functions and adjective forms.",
            "Source: hand-written list (CC0), written for this project.",
            *common,
        ],
        body,
    )

    if a.stats:
        print(
            f"MedQuAD: {n_docs} documents read (drug/herb collections skipped), "
            f"{n_focus} distinct disorder focus strings -> {len(mq_cond)} condition + {len(mq_symp)} symptom terms"
        )
        print(f"NHS betahealth: {n_pages} page manifests -> {len(nhs_cond)} condition + {len(nhs_symp)} symptom terms")
        print(f"hand lists: {len(hand_cond)} conditions, {len(hand_symp)} symptoms, {len(hand_body)} body")
        print(f"written: conditions={len(conditions)} symptoms={len(symptoms)} body={len(body)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
