"""Near-duplicate texts: one wire story re-posted is one document; template-alike reports are not."""

from __future__ import annotations

from conflictwatch.monitor import NearDuplicates, minhash, similarity

STORY = ("Herders and farmers clashed over a water point near Tenenkou on Sunday morning, leaving four "
         "people dead and several huts burned, a councillor told reporters. Soldiers from the Macina camp "
         "were sent to calm the area and a meeting of village chiefs was called for the following week.")


def test_a_story_reposted_with_a_dateline_and_a_footer_matches() -> None:
    repost = "TENENKOU (Radio Delta) - " + STORY.upper() + " Follow our live coverage."
    assert similarity(minhash(STORY), minhash(repost)) >= 0.8


def test_two_reports_from_one_template_do_not_match() -> None:
    a = "Gunmen killed three civilians in Bankass on Monday, a local official said."
    b = "Gunmen killed five soldiers in Tenenkou on Friday, a local official said."
    index = NearDuplicates([("doc-a", minhash(a))])
    assert index.match(minhash(b)) is None


def test_the_index_returns_the_most_similar_known_document() -> None:
    index = NearDuplicates([("doc-other", minhash("Millet prices rose in Bandiagara this month.")),
                            ("doc-story", minhash(STORY))])
    match = index.match(minhash(STORY + " Reporting by our correspondent."))
    assert match is not None and match[0] == "doc-story"
