from __future__ import annotations

from pathlib import Path

from commitments.extraction.learning import Model, train, word_features

EXAMPLES = [
    (word_features("Japan will provide $5 million for schools"), True),
    (word_features("Canada will fund a new clinic by 2027"), True),
    (word_features("The bank pledged $20 million to the programme"), True),
    (word_features("Norway will provide 300 tents"), True),
    (word_features("Prices rose sharply last year"), False),
    (word_features("The minister praised the partnership"), False),
    (word_features("Exports grew by 4% in 2021"), False),
    (word_features("The talks were described as friendly"), False),
]


def test_words_become_lower_case_words_pairs_and_shapes() -> None:
    features = word_features("Japan will give $5,000 in 2025")
    assert "w:japan" in features
    assert "w2:will_give" in features
    assert "w:<money>" in features
    assert "w:<n>" in features
    assert "w:<year>" in features


def test_a_trained_model_tells_new_sentences_apart() -> None:
    model = train(EXAMPLES)
    pledge = model.probability(word_features("Australia will provide $3 million"))
    statistic = model.probability(word_features("Imports rose last year"))
    assert pledge > 0.5 > statistic


def test_training_is_repeatable() -> None:
    assert train(EXAMPLES) == train(EXAMPLES)


def test_a_feature_seen_once_carries_no_weight() -> None:
    model = train(EXAMPLES)
    assert "w:schools" not in model.weights
    assert "w:will" in model.weights


def test_a_model_reads_back_what_it_wrote(tmp_path: Path) -> None:
    model = train(EXAMPLES)
    path = tmp_path / "model.json"
    model.dump(path)
    assert Model.load(path) == model
