import pytest
from hypothesis import given
from hypothesis import strategies as st

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


@given(st.text(alphabet=st.characters(max_codepoint=0x7F)) | st.text())
def test_clean_and_fold_fast_path_for_ascii_changes_nothing(value):
    """ASCII text skips NFC, the zero-width removal and the Lao folds: the result must be
    the one the full rules give."""
    import unicodedata

    from ctipcalc.text import LAO_FOLDS, ZERO_WIDTH, clean, fold_clean

    full = " ".join(unicodedata.normalize("NFC", value)
                    .translate(dict.fromkeys(map(ord, ZERO_WIDTH), None)).split())
    assert clean(value) == full
    assert fold_clean(full) == full.casefold().translate(str.maketrans(LAO_FOLDS))


@pytest.mark.parametrize(("lao", "latin"), [
    ("ແກ້ວ", "keo"),              # ແ read after ກ; a final ວ after a vowel is o
    ("ສົມພອນ", "somphon"),        # ອ between consonants is the vowel o
    ("ອາລຸນ", "aloun"),           # ອ at the start only carries the vowel
    ("ຫລ້າ", "la"),               # ຫ before ລ only sets the tone
    ("ດາວ", "dao"),               # ດ before a vowel sign is d
    ("ບຸນມີ ໄຊຍະວົງ", "bounmixaignavong"),  # ຍ, ວ before a vowel sign: gn, v
])
def test_romanise_by_the_default_table(lao, latin):
    """Worked out by hand from [transliteration] and the rules in `romanise`."""
    from ctipcalc.config import load_config
    from ctipcalc.text import romanise

    assert romanise(lao, load_config(search_cwd=False).transliteration) == latin
