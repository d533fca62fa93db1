import json, os, copy
BASE = {"format":"article-widget/1","url":"https://tin.example.vn/a","lang":"vi","title":"Tiêu đề bài viết",
"published":"2022-11-25T15:15:00+07:00",
"body":[{"type":"paragraph","text":"Nội dung bài viết."},
        {"type":"figure","src":"https://tin.example.vn/anh.jpg","width":640,"height":480,"alt":"Ảnh","caption":"Chú thích"}],
"authors":[{"name":"Hoàng Tùng","url":"https://tin.example.vn/tac-gia"}],
"source":{"name":"Quận ủy Lê Chân","url":"https://lechan.example.vn/"},
"publisher":{"name":"Cổng tin","url":"https://tin.example.vn/","social":[{"network":"facebook","name":"Fanpage","url":"https://facebook.com/x"}]},
"related":[{"title":"Tin khác","url":"https://tin.example.vn/b","published":"2022-11-24T08:00:00+07:00"}]}
cases = []
def art(**mods):
    a = copy.deepcopy(BASE)
    for k, v in mods.items():
        if v is None: a.pop(k, None)
        else: a[k] = v
    return a
def case(name, data, expect):
    if isinstance(data, (dict, list)):
        data = json.dumps(data, ensure_ascii=False, indent=1).encode()
        if len(data) > 8000:
            data = json.dumps(data and json.loads(data), ensure_ascii=False, separators=(",", ":")).encode()
    elif isinstance(data, str):
        data = data.encode()
    cases.append((name, data, expect))
good = json.dumps(BASE, ensure_ascii=False).encode()
# --- bytes
case("bytes-empty", b"", "outcome: error empty")
case("bytes-whitespace-only", b" \n\t\r\n ", "outcome: error empty")
case("bytes-bom-valid", b"\xef\xbb\xbf" + good, "outcome: ok")
case("bytes-bom-only", b"\xef\xbb\xbf", "outcome: error empty")
t = good.replace("Tiêu đề".encode(), b"Ti\xeau \xf0\x28 de")
case("bytes-invalid-utf8", t, "outcome: error not-utf8 offset=%d" % t.index(b"\xea"))
case("bytes-utf16le-bom", b"\xff\xfe" + good.decode().encode("utf-16-le"), "outcome: error not-utf8 offset=0")
case("bytes-nul-bytes", b"\x00\x00\x00\x00", "outcome: error syntax")
case("bytes-overlong-utf8", good.replace(b"Ti", b"T\xc1\xa9", 1), "outcome: error not-utf8")
# --- nesting
case("nesting-10000-deep", "[" * 10000 + "]" * 10000, "outcome: error too-deep")
case("nesting-10000-unclosed", '{"a":' * 10000, "outcome: error too-deep")
deep = json.dumps(BASE, ensure_ascii=False)[:-1] + ',"extra":' + "[" * 64 + "]" * 64 + "}"
case("nesting-65-in-unknown-field", deep, "outcome: error too-deep")
ok63 = json.dumps(BASE, ensure_ascii=False)[:-1] + ',"extra":' + "[" * 63 + "]" * 63 + "}"
case("nesting-64-at-the-limit", ok63, "outcome: ok")
case("nesting-brackets-in-strings", art(lead="[[[[{{{{" * 200), "outcome: ok")
# --- malformed JSON
g = json.dumps(BASE, ensure_ascii=False, separators=(",", ":"))
case("syntax-trailing-comma", g[:-1] + ",}", "outcome: error syntax line=1")
case("syntax-unclosed-string", '{"format":"article-widget/1","title":"abc', "outcome: error syntax")
case("syntax-single-quotes", g.replace('"', "'"), "outcome: error syntax")
case("syntax-truncated", g[: len(g) // 2], "outcome: error syntax")
case("syntax-two-documents", g + g, "outcome: error syntax")
case("syntax-comment", "// bài viết\n" + g, "outcome: error syntax line=1")
case("syntax-nan", g.replace('"width": 640', '"width": NaN').replace('"width":640', '"width":NaN'), "outcome: error syntax")
case("syntax-lone-surrogate", g.replace("Tiêu đề", "\\ud800"), "outcome: error syntax")
case("syntax-html-error-page", "<!DOCTYPE html>\n<html><body><h1>502 Bad Gateway</h1></body></html>", "outcome: error syntax line=1 column=1")
case("syntax-control-char-in-string", g.replace("Tiêu đề", "Tiêu\x01đề"), "outcome: error syntax")
case("syntax-number-out-of-range", g.replace('"width":640', '"width":1e400'), "outcome: error syntax ~ number out of range")
# --- wrong types
case("type-root-array", [BASE], "outcome: error invalid\nproblem: error  ~ expected an object, found an array")
case("type-root-string", '"hello"', "outcome: error invalid\nproblem: error  ~ expected an object, found a string")
case("type-root-null", "null", "outcome: error invalid\nproblem: error  ~ expected an object, found null")
case("type-title-number", art(title=42), "outcome: error invalid\nproblem: error title ~ expected a string, found a number")
case("type-body-object", art(body={"type":"paragraph","text":"x"}), "outcome: error invalid\nproblem: error body ~ expected an array, found an object")
case("type-publisher-string", art(publisher="Cổng tin"), "outcome: error invalid\nproblem: error publisher ~ expected an object, found a string")
b = copy.deepcopy(BASE["body"]); b.insert(0, 42)
case("type-block-not-object", art(body=b), "outcome: degraded\nproblem: warning body[0] ~ expected an object, found a number")
case("type-authors-string", art(authors="Hoàng Tùng"), "outcome: degraded\nproblem: warning authors ~ expected an array, found a string")
case("type-tags-mixed", art(tags=["ok", 5, "", None]), "outcome: degraded\nproblem: warning tags[1] ~ a tag must be\nproblem: warning tags[2] ~ a tag must be\nproblem: warning tags[3] ~ a tag must be")
# --- missing required
case("missing-title", art(title=None), "outcome: error invalid\nproblem: error title ~ required field is missing")
case("missing-publisher", art(publisher=None), "outcome: error invalid\nproblem: error publisher ~ required field is missing")
case("missing-body", art(body=None), "outcome: error invalid\nproblem: error body ~ required field is missing")
case("missing-empty-body", art(body=[]), "outcome: error invalid\nproblem: error body ~ no readable text")
case("missing-publisher-name", art(publisher={"url":"https://tin.example.vn/"}), "outcome: error invalid\nproblem: error publisher.name ~ required field is missing")
case("missing-title-blank", art(title="   "), "outcome: error invalid\nproblem: error title ~ must not be empty")
case("missing-everything", {}, "outcome: error invalid\n" + "\n".join("problem: error %s ~ required field is missing" % k for k in ["format","url","lang","title","published","body","publisher"]))
case("format-unsupported", art(format="article-widget/2"), "outcome: error invalid\nproblem: error format ~ unsupported format")
b = copy.deepcopy(BASE["body"]); b.append({"type":"video","src":"https://x/v.mp4"})
case("block-unknown-type", art(body=b), "outcome: degraded\nproblem: warning body[2].type ~ unknown block type \"video\"")
b = copy.deepcopy(BASE["body"]); del b[1]["alt"]
case("figure-missing-alt", art(body=b), "outcome: degraded\nproblem: warning body[1].alt ~ caption is used instead")
# --- unknown fields (tolerated)
a = art(); a["x_tracking"] = {"id": [1, 2, {"deep": True}]}; a["body"][0]["style"] = "color:red"; a["publisher"]["founded"] = 1990
case("unknown-fields-tolerated", a, "outcome: ok")
# --- duplicate keys
case("duplicate-title", g[:-1] + ',"title":"Tiêu đề khác"}', "outcome: error invalid\nproblem: error title ~ duplicate key")
case("duplicate-publisher-name", g.replace('"publisher": {"name": "Cổng tin",', '"publisher": {"name": "Cổng tin", "name": "Kẻ giả mạo",').replace('"publisher":{"name":"Cổng tin",', '"publisher":{"name":"Cổng tin","name":"Kẻ giả mạo",'), "outcome: error invalid\nproblem: error publisher.name ~ duplicate key")
case("duplicate-in-body-block", g.replace('{"type":"paragraph","text":"Nội dung bài viết."}', '{"type":"paragraph","text":"Nội dung bài viết.","text":"Khác"}'), "outcome: error invalid\nproblem: error body[0].text ~ duplicate key")
case("duplicate-in-unknown-field", g[:-1] + ',"extra":{"a":1,"a":2}}', "outcome: error invalid\nproblem: error extra.a ~ duplicate key")
# --- numbers out of range
def fig(**kw):
    b = copy.deepcopy(BASE["body"]); b[1].update(kw); return art(body=b)
case("number-width-huge", fig(width=10**12), "outcome: degraded\nproblem: warning body[1].width ~ whole number from 1 to 10000")
case("number-width-negative", fig(width=-640), "outcome: degraded\nproblem: warning body[1].width ~ whole number from 1 to 10000")
case("number-width-fraction", fig(width=640.5), "outcome: degraded\nproblem: warning body[1].width ~ whole number from 1 to 10000")
case("number-width-zero", fig(height=0), "outcome: degraded\nproblem: warning body[1].height ~ whole number from 1 to 10000")
case("number-width-string", fig(width="640"), "outcome: degraded\nproblem: warning body[1].width ~ expected a number, found a string")
b = copy.deepcopy(BASE["body"]); b.insert(0, {"type":"heading","level":10**20,"text":"Mục"})
case("number-heading-level-huge", art(body=b), "outcome: degraded\nproblem: warning body[0].level ~ must be 2, 3 or 4")
case("number-u64-overflow-unknown", g[:-1] + ',"count":184467440737095516160000}', "outcome: ok")
# --- dates
case("date-no-offset", art(published="2022-11-25T15:15:00"), "outcome: error invalid\nproblem: error published ~ no UTC offset")
case("date-february-30", art(published="2022-02-30T15:15:00+07:00"), "outcome: error invalid\nproblem: error published")
case("date-hour-25", art(published="2022-11-25T25:15:00+07:00"), "outcome: error invalid\nproblem: error published")
case("date-not-a-date", art(published="25/11/2022 15:15"), "outcome: error invalid\nproblem: error published")
case("date-feb-29-non-leap", art(published="2023-02-29T08:00:00Z"), "outcome: error invalid\nproblem: error published")
case("date-updated-impossible", art(updated="2022-13-01T00:00:00+07:00"), "outcome: degraded\nproblem: warning updated")
r = copy.deepcopy(BASE["related"]); r[0]["published"] = "hôm qua"
case("date-related-garbage", art(related=r), "outcome: degraded\nproblem: warning related[0].published")
case("date-year-zero", art(published="0000-01-01T00:00:00Z"), "outcome: error invalid\nproblem: error published")
# --- huge strings and counts
case("huge-title", art(title="Dài " * 200), "outcome: error invalid\nproblem: error title ~ longer than 500 characters")
case("huge-lead", art(lead="x" * 100001), "outcome: degraded\nproblem: warning lead ~ longer than 100000 characters")
case("huge-block-count", art(body=[{"type":"paragraph","text":"x"}] * 2001), "outcome: error invalid\nproblem: error body ~ 2001 items, more than the limit of 2000")
case("huge-related-count", art(related=[BASE["related"][0]] * 51), "outcome: degraded\nproblem: warning related ~ 51 items, more than the limit of 50")
case("huge-url", art(url="https://tin.example.vn/" + "a" * 5000), "outcome: error invalid\nproblem: error url ~ longer than 4096 characters")
# --- URLs
case("url-javascript-canonical", art(url="javascript:alert(document.domain)"), "outcome: error invalid\nproblem: error url ~ not an http(s) URL")
case("url-data-figure", fig(src="data:image/svg+xml,<svg onload=alert(1)>"), "outcome: degraded\nproblem: warning body[1].src ~ not an http(s) URL")
a = art(); a["authors"][0]["url"] = "vbscript:msgbox(1)"
case("url-vbscript-author", a, "outcome: degraded\nproblem: warning authors[0].url ~ not an http(s) URL")
a = art(); a["publisher"]["social"][0]["url"] = "//evil.example/x"
case("url-protocol-relative-social", a, "outcome: degraded\nproblem: warning publisher.social[0].url ~ protocol-relative")
r = copy.deepcopy(BASE["related"]); r[0]["url"] = "https://tin.example.vn/ b"
case("url-whitespace-related", art(related=r), "outcome: degraded\nproblem: warning related[0].url ~ whitespace")
a = art(); a["source"]["url"] = "https://tin.example.vn@evil.example/"
case("url-userinfo-source", a, "outcome: degraded\nproblem: warning source.url")
a = art(); a["source"]["url"] = "JaVaScRiPt:alert(1)"
case("url-mixed-case-javascript", a, "outcome: degraded\nproblem: warning source.url ~ not an http(s) URL")
a = art(); a["source"]["url"] = "java\tscript:alert(1)"
case("url-tab-in-scheme", a, "outcome: degraded\nproblem: warning source.url")
a = art(); a["source"]["url"] = "https:\\\\evil.example"
case("url-backslashes", a, "outcome: degraded\nproblem: warning source.url")
a = art(); a["source"]["url"] = "https:://tin.example.vn/x"
case("url-double-colon-found-by-fuzzing", a, "outcome: degraded\nproblem: warning source.url ~ URL has no host")
case("url-relative-ok", fig(src="../images/anh.jpg"), "outcome: ok")
case("xss-text-is-just-text", art(title="<script>alert(1)</script>", lead="<img src=x onerror=alert(1)>", body=[{"type":"paragraph","text":"&lt;b&gt; \"'><svg onload=alert(1)>"}]), "outcome: ok")

for name, data, expect in cases:
    ext = ".json"
    open(name + ext, "wb").write(data)
    open(name + ".expect", "w").write(expect + "\n")
print(len(cases))
