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
b = copy.deepcopy(BASE["body"]); b.append({"type":"podcast","src":"https://x/v.mp3"})
case("block-unknown-type", art(body=b), "outcome: degraded\nproblem: warning body[2].type ~ unknown block type \"podcast\"")
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

# --- rich blocks: lists, tables, videos, galleries, pull quotes, separators, srcset, dir
def body(*blocks):
    return art(body=copy.deepcopy(BASE["body"]) + list(blocks))
RUNS = ["Xem ", {"text":"báo cáo","href":"https://tin.example.vn/bao-cao"}, " và ", {"text":"lưu ý","em":True,"strong":True}, "."]
FIG = {"src":"https://tin.example.vn/a.jpg","width":640,"height":480,"alt":"Ảnh"}
case("rich-every-block-ok", body(
    {"type":"paragraph","text":RUNS},
    {"type":"list","items":["Một", RUNS, {"text":"Ba","items":["3a", RUNS],"ordered":True}]},
    {"type":"list","ordered":True,"items":["Thứ nhất","Thứ hai"]},
    {"type":"table","caption":"Kết quả","header":["Đơn vị","Số"],"rows":[["Lê Chân","12"],["Ngô Quyền",""]],"row_headers":True},
    {"type":"table","rows":[["a"]]},
    {"type":"video","provider":"youtube","id":"dQw4w9WgXcQ","title":"Video","poster":FIG,"caption":"Chú thích","credit":"Ảnh"},
    {"type":"video","provider":"vimeo","id":"76979871","title":"Vimeo"},
    {"type":"video","provider":"facebook","url":"https://www.facebook.com/haiphong/videos/123/","title":"Facebook"},
    {"type":"video","provider":"iframe","url":"../player/1.html","title":"Trình phát"},
    {"type":"gallery","caption":"Ảnh","figures":[FIG, dict(FIG, srcset=[{"src":"a-320.jpg","width":320}])]},
    {"type":"pullquote","text":"Một câu","cite":"Ai đó"},
    {"type":"separator"},
    dict(FIG, type="figure", srcset=[{"src":"https://tin.example.vn/a-320.jpg","width":320},{"src":"a-1280.jpg","width":1280}]),
), "outcome: ok")
case("rich-dir-rtl-ok", art(lang="ar", dir="rtl", title="عنوان"), "outcome: ok")
case("rich-dir-unknown", art(dir="up"), "outcome: degraded\nproblem: warning dir ~ must be \"ltr\" or \"rtl\"")
case("rich-dir-number", art(dir=1), "outcome: degraded\nproblem: warning dir ~ expected a string")
# hostile links and runs
case("xss-run-javascript-href", body({"type":"paragraph","text":["a ", {"text":"b","href":"javascript:alert(1)"}]}), "outcome: degraded\nproblem: warning body[2].text[1].href ~ not an http(s) URL")
case("xss-run-data-href-in-list", body({"type":"list","items":[["x", {"text":"y","href":"data:text/html,<script>alert(1)</script>"}]]}), "outcome: degraded\nproblem: warning body[2].items[0][1].href ~ not an http(s) URL")
case("xss-run-protocol-relative-sub-item", body({"type":"list","items":[{"text":"a","items":[[{"text":"b","href":"//evil.example/"}]]}]}), "outcome: degraded\nproblem: warning body[2].items[0].items[0][0].href ~ protocol-relative")
case("xss-run-text-is-just-text", body({"type":"paragraph","text":[{"text":"<script>alert(1)</script>","em":True}, "<img src=x onerror=alert(1)>"]}), "outcome: ok")
case("type-run-number", body({"type":"paragraph","text":["a", 5, {"href":"https://x.vn/"}]}), "outcome: degraded\nproblem: warning body[2].text[1] ~ expected a string or a run object\nproblem: warning body[2].text[2].text ~ needs its text")
case("type-run-em-string", body({"type":"paragraph","text":[{"text":"a","em":"yes","strong":1}]}), "outcome: degraded\nproblem: warning body[2].text[0].em ~ expected true or false\nproblem: warning body[2].text[0].strong ~ expected true or false")
case("type-paragraph-runs-blank", body({"type":"paragraph","text":[" ", {"text":""}]}), "outcome: degraded\nproblem: warning body[2].text ~ must not be empty")
case("type-paragraph-text-object", body({"type":"paragraph","text":{"text":"a"}}), "outcome: degraded\nproblem: warning body[2].text ~ expected a string, found an object")
case("huge-runs-count", body({"type":"paragraph","text":["a"] * 1001}), "outcome: degraded\nproblem: warning body[2].text ~ 1001 runs, more than the limit of 1000")
case("huge-runs-text", body({"type":"paragraph","text":["x" * 60000, {"text":"y" * 40001,"em":True}]}), "outcome: degraded\nproblem: warning body[2].text ~ longer than 100000 characters")
# lists
case("list-items-missing", body({"type":"list"}), "outcome: degraded\nproblem: warning body[2].items ~ required field is missing")
case("list-items-not-array", body({"type":"list","items":"a, b"}), "outcome: degraded\nproblem: warning body[2].items ~ expected an array, found a string")
case("list-no-readable-item", body({"type":"list","items":[None, 3, ""]}), "outcome: degraded\nproblem: warning body[2].items[0] ~ required field is missing\nproblem: warning body[2].items[1] ~ expected a string, found a number\nproblem: warning body[2].items[2] ~ must not be empty\nproblem: warning body[2].items ~ no readable item")
case("list-nested-two-levels", body({"type":"list","items":[{"text":"a","items":[{"text":"b","items":["c"]}]}]}), "outcome: degraded\nproblem: warning body[2].items[0].items[0] ~ expected a string, found an object")
case("list-ordered-string", body({"type":"list","ordered":"yes","items":["a"]}), "outcome: degraded\nproblem: warning body[2].ordered ~ expected true or false")
case("huge-list-items", body({"type":"list","items":["a"] * 501}), "outcome: degraded\nproblem: warning body[2].items ~ 501 items, more than the limit of 500")
case("huge-list-sub-items", body({"type":"list","items":[{"text":"a","items":["b"] * 501}]}), "outcome: degraded\nproblem: warning body[2].items[0].items ~ 501 items, more than the limit of 500")
# tables
case("table-rows-missing", body({"type":"table","header":["a"]}), "outcome: degraded\nproblem: warning body[2].rows ~ required field is missing")
case("table-no-readable-row", body({"type":"table","rows":["a", 1]}), "outcome: degraded\nproblem: warning body[2].rows[0] ~ expected an array of cells, found a string\nproblem: warning body[2].rows[1] ~ expected an array of cells, found a number\nproblem: warning body[2].rows ~ no readable row")
case("table-bad-cells-left-empty", body({"type":"table","header":["a", None],"rows":[[1, "x" * 2001, "<b>ok</b>"]]}), "outcome: degraded\nproblem: warning body[2].header[1] ~ found null; the cell is left empty\nproblem: warning body[2].rows[0][0] ~ expected a string, found a number\nproblem: warning body[2].rows[0][1] ~ longer than 2000 characters")
case("table-row-headers-number", body({"type":"table","rows":[["a"]],"row_headers":1}), "outcome: degraded\nproblem: warning body[2].row_headers ~ expected true or false")
case("huge-table-rows", body({"type":"table","rows":[["a"]] * 1001}), "outcome: degraded\nproblem: warning body[2].rows ~ 1001 items, more than the limit of 1000")
case("huge-table-columns", body({"type":"table","header":["h"] * 51,"rows":[["a"] * 51, ["b"]]}), "outcome: degraded\nproblem: warning body[2].header ~ 51 items, more than the limit of 50\nproblem: warning body[2].rows[0] ~ 51 cells, more than the limit of 50")
case("xss-table-caption-and-cells", body({"type":"table","caption":"<script>alert(1)</script>","header":["\"><svg onload=alert(1)>"],"rows":[["<img src=x onerror=alert(1)>"]]}), "outcome: ok")
# videos
V = {"type":"video","title":"Video"}
case("video-provider-missing", body(dict(V, id="dQw4w9WgXcQ")), "outcome: degraded\nproblem: warning body[2].provider ~ required field is missing")
case("video-provider-unknown", body(dict(V, provider="dailymotion", id="x7")), "outcome: degraded\nproblem: warning body[2].provider ~ unknown video provider \"dailymotion\"")
case("video-title-missing", body({"type":"video","provider":"youtube","id":"dQw4w9WgXcQ"}), "outcome: degraded\nproblem: warning body[2].title ~ required field is missing")
case("xss-video-youtube-id-injection", body(dict(V, provider="youtube", id="a\" onload=x")), "outcome: degraded\nproblem: warning body[2].id ~ not a YouTube video id")
case("xss-video-youtube-id-path", body(dict(V, provider="youtube", id="../../evil")), "outcome: degraded\nproblem: warning body[2].id ~ not a YouTube video id")
case("xss-video-vimeo-id-url", body(dict(V, provider="vimeo", id="1?autoplay=1")), "outcome: degraded\nproblem: warning body[2].id ~ not a Vimeo video id")
case("xss-video-facebook-other-host", body(dict(V, provider="facebook", url="https://evil.example/facebook.com/videos/1")), "outcome: degraded\nproblem: warning body[2].url ~ not a Facebook video")
case("xss-video-facebook-lookalike", body(dict(V, provider="facebook", url="https://www.facebook.com.evil.example/v")), "outcome: degraded\nproblem: warning body[2].url ~ not a Facebook video")
case("xss-video-facebook-http", body(dict(V, provider="facebook", url="http://www.facebook.com/v/1")), "outcome: degraded\nproblem: warning body[2].url ~ not a Facebook video")
case("xss-video-iframe-javascript", body(dict(V, provider="iframe", url="javascript:alert(1)")), "outcome: degraded\nproblem: warning body[2].url ~ not an http(s) URL")
case("xss-video-iframe-data", body(dict(V, provider="iframe", url="data:text/html,<script>alert(1)</script>")), "outcome: degraded\nproblem: warning body[2].url ~ not an http(s) URL")
case("xss-video-poster-javascript", body(dict(V, provider="youtube", id="dQw4w9WgXcQ", poster={"src":"javascript:alert(1)","width":1,"height":1})), "outcome: degraded\nproblem: warning body[2].poster.src ~ not an http(s) URL")
case("xss-video-title-is-text", body(dict(V, provider="youtube", id="dQw4w9WgXcQ", title="\"><iframe src=javascript:alert(1)>")), "outcome: ok")
case("huge-video-title", body(dict(V, provider="youtube", id="dQw4w9WgXcQ", title="x" * 501)), "outcome: degraded\nproblem: warning body[2].title ~ longer than 500 characters")
# galleries and srcset
case("gallery-figures-missing", body({"type":"gallery"}), "outcome: degraded\nproblem: warning body[2].figures ~ required field is missing")
case("gallery-no-readable-photo", body({"type":"gallery","figures":[5, dict(FIG, src="javascript:alert(1)")]}), "outcome: degraded\nproblem: warning body[2].figures[0] ~ expected an object, found a number\nproblem: warning body[2].figures[1].src ~ not an http(s) URL\nproblem: warning body[2].figures ~ no readable photo")
case("gallery-bad-photo-dropped", body({"type":"gallery","figures":[FIG, dict(FIG, width=0)]}), "outcome: degraded\nproblem: warning body[2].figures[1].width ~ whole number from 1 to 10000")
case("huge-gallery", body({"type":"gallery","figures":[FIG] * 101}), "outcome: degraded\nproblem: warning body[2].figures ~ 101 items, more than the limit of 100")
case("xss-srcset-javascript", fig(srcset=[{"src":"javascript:alert(1)","width":320}, {"src":"https://tin.example.vn/a 1x.jpg","width":640}]), "outcome: degraded\nproblem: warning body[1].srcset[0].src ~ not an http(s) URL\nproblem: warning body[1].srcset[1].src ~ whitespace")
case("srcset-trailing-comma", fig(srcset=[{"src":"https://tin.example.vn/a.jpg,","width":320}]), "outcome: degraded\nproblem: warning body[1].srcset[0].src ~ must not end with a comma")
case("srcset-bad-width", fig(srcset=[{"src":"a.jpg","width":"320w"}, {"src":"b.jpg"}, "c.jpg 320w"]), "outcome: degraded\nproblem: warning body[1].srcset[0].width ~ expected a number\nproblem: warning body[1].srcset[1].width ~ required field is missing\nproblem: warning body[1].srcset[2] ~ expected an object, found a string")
case("huge-srcset", fig(srcset=[{"src":"a.jpg","width":320}] * 17), "outcome: degraded\nproblem: warning body[1].srcset ~ 17 items, more than the limit of 16")
# pull quotes
case("pullquote-text-missing", body({"type":"pullquote","cite":"Ai"}), "outcome: degraded\nproblem: warning body[2].text ~ required field is missing")
case("huge-pullquote", body({"type":"pullquote","text":"x" * 2001}), "outcome: degraded\nproblem: warning body[2].text ~ longer than 2000 characters")
case("xss-pullquote-is-text", body({"type":"pullquote","text":"<script>alert(1)</script>","cite":"\"><svg onload=alert(1)>"}), "outcome: ok")

for name, data, expect in cases:
    ext = ".json"
    open(name + ext, "wb").write(data)
    open(name + ".expect", "w").write(expect + "\n")
print(len(cases))
