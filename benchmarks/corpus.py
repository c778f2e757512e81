"""Deterministic French prose, typed the way people type it (straight quotes and apostrophes,
a space before ! or not, three dots, numbers and units), for benchmarks."""

from __future__ import annotations

import random

NOUNS = ["la documentation", "le projet", "une conférence", "l'équipe", "le code", "un outil",
         "la communauté", "le serveur", "une traduction", "l'interpréteur", "le billet",
         "la bibliothèque", "un développeur", "une contributrice", "le déploiement", "l'été"]
VERBS = ["présente", "améliore", "explique", "déploie", "traduit", "corrige", "décrit",
         "accompagne", "simplifie", "mesure", "réécrit", "publie"]
ADJECTIVES = ["nouvelle", "rapide", "complète", "libre", "française", "stable", "détaillée",
              "étonnante", "modeste", "élégante"]
ENDINGS = [".", ".", ".", " !", "!", " ?", "?", "...", " : voici pourquoi.", " ; enfin presque."]
EXTRAS = [
    ' Il a dit "c\'est parfait" hier.', " Le site https://exemple.fr/page?x=1 en parle.",
    " Rendez-vous à 10:30 en salle 4.", " Cela coûte 1 500 € et pèse 20 kg.",
    " Voir M. Dupont et Mme Durand.", " Aujourd'hui, c'est d'accord :)",
    " Comptez 3 h - ou plus - pour tout lire.", " Écrivez à contact@exemple.fr !",
    " Le ratio 16:9 reste courant.", " Il faut environ 10 000 lignes.",
]


def sentence(rng: random.Random) -> str:
    text = (f"{rng.choice(NOUNS).capitalize()} {rng.choice(VERBS)} "
            f"{rng.choice(NOUNS)} {rng.choice(ADJECTIVES)}{rng.choice(ENDINGS)}")
    if rng.random() < 0.3:
        text += rng.choice(EXTRAS)
    return text


def paragraph(rng: random.Random, sentences: int = 5) -> str:
    return " ".join(sentence(rng) for _ in range(sentences))


def prose(size: int, seed: int = 2017) -> str:
    """About ``size`` bytes of French prose, in paragraphs."""
    rng = random.Random(seed)
    parts: list[str] = []
    total = 0
    while total < size:
        para = paragraph(rng, rng.randint(3, 7))
        parts.append(para)
        total += len(para.encode()) + 2
    return "\n\n".join(parts)
