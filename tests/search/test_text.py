from search.text import (
    highlight,
    parse_query,
    snippet,
    tokenize,
    tsvector_literal,
    word_tsquery,
)


def test_chinese_text_becomes_overlapping_bigrams_with_the_last_character():
    tokens, _ = tokenize("南海区总工会")
    assert tokens == [("南海", 1), ("海区", 2), ("区总", 3), ("总工", 4), ("工会", 5), ("会", 6)]


def test_punctuation_leaves_a_gap_so_phrases_never_span_it():
    tokens, _ = tokenize("职工,服务")
    positions = dict(tokens)
    assert positions["职工"] + 1 < positions["服务"]


def test_latin_and_digits_are_lowercase_tokens_and_fullwidth_is_folded():
    tokens, _ = tokenize("ＡＢＣ工会2020年")
    assert [t for t, _ in tokens] == ["abc", "工会", "会", "2020", "年"]


def test_tsvector_literal_weights_the_title_and_keeps_the_body_apart():
    literal = tsvector_literal(("工会", "A"), ("劳模", "D"))
    assert "'工会':1A" in literal
    assert "'劳模':4" in literal  # after the title and a gap


def test_query_words_are_split_on_spaces_and_punctuation_and_deduplicated():
    query = parse_query("  工会，劳模  工会 ")
    assert query.words == ("工会", "劳模")
    assert query.text == "工会，劳模 工会"


def test_query_of_only_symbols_is_empty_and_long_queries_are_cut():
    assert parse_query("%_\\'\"<>;--").is_empty
    assert parse_query("").is_empty
    assert len(parse_query("工" * 500).text) == 200


def test_a_word_becomes_a_phrase_of_its_bigrams():
    assert word_tsquery("职工服务") == "'职工' <-> '工服' <-> '服务'"
    assert word_tsquery("会") == "'会':*"
    assert word_tsquery("2020年") == "'2020' <-> '年':*"
    assert word_tsquery("海区2020") == "'海区' <-> '区' <-> '2020':*"


def test_single_character_queries_are_flagged():
    assert parse_query("会").single_character
    assert not parse_query("工会").single_character
    assert not parse_query("a").single_character


def test_highlight_escapes_everything_and_marks_hits():
    html = highlight("<b>工会</b> & 职工", ("工会",))
    assert html == "&lt;b&gt;<mark>工会</mark>&lt;/b&gt; &amp; 职工"


def test_highlight_of_a_script_query_cannot_inject_markup():
    query = parse_query("<script>alert(1)</script>")
    html = highlight("说明 <script>alert(1)</script>", query.words)
    assert "<script>" not in html
    assert "&lt;<mark>script</mark>&gt;" in html


def test_snippet_is_cut_around_the_first_hit():
    text = "开头" * 100 + "职工服务品牌" + "结尾" * 100
    html = snippet(text, ("职工服务",), length=40)
    assert html.startswith("…")
    assert html.endswith("…")
    assert "<mark>职工服务</mark>" in html


def test_snippet_without_a_body_hit_starts_at_the_beginning():
    assert snippet("南海工会新闻", ("劳模",)) == "南海工会新闻"


def test_tsvector_literal_has_the_same_tokens_and_positions_as_tokenize():
    title, body = "南海区总工会 ABC", "职工服务,2020年。劳模"
    title_tokens, next_pos = tokenize(title)
    body_tokens, _ = tokenize(body, next_pos + 1)
    expected = {}
    for lexeme, pos in title_tokens:
        expected.setdefault(lexeme, []).append(f"{pos}A")
    for lexeme, pos in body_tokens:
        expected.setdefault(lexeme, []).append(str(pos))
    literal = tsvector_literal((title, "A"), (body, "D"))
    parsed = {}
    for item in literal.split(" "):
        lexeme, positions = item.rsplit(":", 1)
        parsed[lexeme.strip("'")] = positions.split(",")
    assert parsed == expected


def test_tsvector_literal_respects_postgres_limits():
    literal = tsvector_literal(("工会" * 20_000, "D"))
    positions = literal.split(" ")[0].split(":")[1].split(",")
    assert len(positions) <= 255
    assert (
        max(int(p) for item in literal.split(" ") for p in item.split(":")[1].split(",")) <= 16383
    )
