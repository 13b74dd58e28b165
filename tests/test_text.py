from ctipcalc.text import clean, fold, header_key, vocab_key


def test_clean_collapses_nbsp_zero_width_and_runs_of_space():
    assert clean("\u200bSomchai\u00a0\u00a0 Keo \ufeff") == "Somchai Keo"


def test_fold_is_casefolded_nfc():
    assert fold("SOMCHAI  Keo") == "somchai keo"
    assert fold("e\u0301") == "\u00e9"  # NFC


def test_vocab_key_keeps_lao_vowel_and_tone_marks():
    # Lao marks are category M: reading them as punctuation would shred the word.
    assert vocab_key("ການປົກປ້ອງເດັກ") == fold("ການປົກປ້ອງເດັກ")
    assert vocab_key("ການປົກປ້ອງ ຊ່ວຍເຫຼືອ ແລະ ສົ່ງຕໍ່") == fold("ການປົກປ້ອງ ຊ່ວຍເຫຼືອ ແລະ ສົ່ງຕໍ່")


def test_vocab_key_reads_ampersand_and_punctuation():
    assert vocab_key("Protection, assistance & referral") == "protection assistance and referral"
    assert vocab_key("Self-employed") == "self employed"
    assert vocab_key("Lao Women\u2019s Union") == "lao womens union"


def test_header_key_ignores_case_space_and_punctuation():
    assert header_key("Name and Surname") == header_key("name-and-surname") == "nameandsurname"
    assert header_key("M/F") == "mf"
    assert header_key("#") == "#"


def test_lao_spellings_fold_together():
    # ຫຼ (one code point) and ຫລ (two) are the same letters on screen.
    assert fold("ຫຼວງພະບາງ") == fold("ຫລວງພະບາງ")
