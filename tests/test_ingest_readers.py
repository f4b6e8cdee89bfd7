"""Each format with a small real-looking file made here; refusals name the format and what to do."""

import io
import zipfile

import docx
import pytest
from django.utils import translation
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

from measures.ingest import IngestError
from measures.ingest.readers import read_document, sniff_format

GOV_PAGE = """<!DOCTYPE html>
<html lang="zh-CN"><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<title>某某市人民政府关于加快产业集群发展的若干措施_政策文件_某某市人民政府门户网站</title>
<meta name="ArticleTitle" content="某某市人民政府关于加快产业集群发展的若干措施">
<meta name="PubDate" content="2023-06-15 10:30">
<meta name="ContentSource" content="某某市人民政府办公室">
<meta name="SiteName" content="某某市人民政府门户网站">
<link rel="canonical" href="https://www.example.gov.cn/zwgk/zcwj/202306/t20230615_1.html">
</head><body>
<div class="header"><a href="/">首页</a> <a href="/zwgk">政务公开</a> <a href="/hdjl">互动交流</a></div>
<div class="crumb">您当前的位置：<a href="/">首页</a> &gt; <a href="/zwgk">政务公开</a> &gt; 政策文件</div>
<table class="xxgk"><tr><td>索引号：</td><td>11330300002589000B/2023-00123</td>
<td>发布机构：</td><td>某某市人民政府办公室</td></tr></table>
<div class="article"><h1>某某市人民政府关于加快产业集群发展的若干措施</h1>
<div class="info">发布时间：2023-06-15 来源：市政府办公室 【字体：大 中 小】</div>
<div class="content" id="zoom">
<p>各县（市、区）人民政府，市政府直属各单位：</p>
<p>为加快推进我市特色产业集群高质量发展，现提出如下措施。</p>
<p>一、设立产业集群发展专项资金，市财政每年安排2亿元，支持集群内企业技术改造。</p>
<p>二、加强土地要素保障，对集群重点项目优先安排用地指标。</p>
<p>（一）建设省级产业集群公共服务平台，给予最高500万元补助。</p>
<p>（二）支持区域品牌建设，对获得国家地理标志的产品奖励50万元。</p>
<p style="text-align:right">某某市人民政府</p><p style="text-align:right">2023年6月12日</p>
</div></div>
<div class="share">分享到：微信 微博</div>
<div class="related"><h3>相关链接</h3><ul><li><a href="/a">关于印发某某办法的通知</a></li>
<li><a href="/b">市政府常务会议召开</a></li></ul></div>
<div class="footer">主办：某某市人民政府办公室 网站标识码：3303000001 浙ICP备12345678号
<a href="#">网站地图</a> <a href="#">联系我们</a></div>
</body></html>
"""


def test_a_government_web_page_gives_its_body_in_order_and_its_metadata() -> None:
    read = read_document(GOV_PAGE.encode("gb2312"), "t20230615_1.html")
    lines = read.text.split("\n")
    assert read.format == "html"
    assert lines[0] == "某某市人民政府关于加快产业集群发展的若干措施"
    items = [line for line in lines if line.startswith(("一、", "二、", "（一）", "（二）"))]
    assert [item[:3] for item in items] == ["一、设", "二、加", "（一）", "（二）"]
    assert "设立产业集群发展专项资金，市财政每年安排2亿元" in read.text
    for chrome in ["网站地图", "相关链接", "市政府常务会议召开", "您当前的位置", "互动交流", "浙ICP备"]:
        assert chrome not in read.text
    assert read.metadata["title"] == "某某市人民政府关于加快产业集群发展的若干措施"
    assert read.metadata["date"] == "2023-06-15"
    assert read.metadata["source"] == "某某市人民政府办公室"
    assert read.metadata["source_site"] == "某某市人民政府门户网站"
    assert read.metadata["source_url"] == "https://www.example.gov.cn/zwgk/zcwj/202306/t20230615_1.html"


def test_a_page_saved_by_a_browser_keeps_its_address_even_named_txt() -> None:
    page = "<!-- saved from url=(0041)http://www.example.gov.cn/art/2021/1.html -->\n" + GOV_PAGE.replace(
        '<link rel="canonical" href="https://www.example.gov.cn/zwgk/zcwj/202306/t20230615_1.html">', ""
    ).replace("charset=gb2312", "charset=utf-8")
    read = read_document(page.encode("utf-8"), "saved.txt")
    assert read.format == "html" and not read.text.startswith("<")
    assert read.metadata["source_url"] == "http://www.example.gov.cn/art/2021/1.html"


def test_an_old_table_layout_page_keeps_its_br_separated_items_and_a_clean_title() -> None:
    page = """<html><head><meta charset="utf-8"><title>关于印发某县促进专业镇高质量发展实施方案的通知-某县人民政府</title>
    </head><body><table width="100%"><tr><td><a href="/">首页</a> | <a href="/a">政务公开</a></td></tr>
    <tr><td class="title">关于印发某县促进专业镇高质量发展实施方案的通知</td></tr>
    <tr><td><div class="TRS_Editor">各乡镇人民政府，县直各有关单位：<br>　　一、总体要求<br>
    　　（一）设立专业镇发展专项资金，县财政每年安排500万元，用于支持专业镇龙头企业技术改造。<br>
    　　（二）建设专业镇公共服务平台，对新建的检验检测平台给予最高100万元补助。<br></div></td></tr>
    </table></body></html>"""
    read = read_document(page.encode("utf-8"), "index.htm")
    lines = read.text.split("\n")
    assert read.metadata["title"] == "关于印发某县促进专业镇高质量发展实施方案的通知"
    assert lines.count("关于印发某县促进专业镇高质量发展实施方案的通知") == 1
    assert "一、总体要求" in lines
    assert any(line.startswith("（一）设立专业镇发展专项资金") for line in lines)
    assert any(line.startswith("（二）建设专业镇公共服务平台") for line in lines)
    assert not any("|" in line for line in lines)


def test_a_page_without_body_text_is_refused() -> None:
    with pytest.raises(IngestError, match="没有找到正文"):
        read_document(b"<html><head><title>x</title></head><body><img src='a.png'></body></html>", "a.html")


def cjk_pdf(lines: list[str], *, encrypt: str | None = None) -> bytes:
    """A one-page PDF whose text layer uses Adobe's STSong-Light CID font, as Chinese office software writes."""
    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=A4, encrypt=encrypt)
    page.setTitle("Microsoft Word - 关于推动产业集群发展的若干措施.doc")
    page.setFont("STSong-Light", 12)
    y = 780.0
    for line in lines:
        if line:
            page.drawString(72, y, line)
        y -= 18 if line else 30
    page.showPage()
    page.save()
    return buffer.getvalue()


def test_a_pdf_text_layer_is_read_with_lines_rejoined_into_paragraphs() -> None:
    data = cjk_pdf(
        [
            "关于推动产业集群高质量发展的若干措施",
            "",
            "一、总体要求",
            "各地要设立产业集群发展专项资金，市财政每年安排二千万元，",
            "支持集群企业技术改造。",
            "二、加强土地要素保障，优先安排用地指标。",
        ]
    )
    read = read_document(data, "policy.pdf")
    assert read.format == "pdf"
    assert read.text.split("\n") == [
        "关于推动产业集群高质量发展的若干措施",
        "一、总体要求",
        "各地要设立产业集群发展专项资金，市财政每年安排二千万元，支持集群企业技术改造。",
        "二、加强土地要素保障，优先安排用地指标。",
    ]
    assert read.metadata["title"] == "关于推动产业集群发展的若干措施"


def official_pdf(title: str, paragraphs: list[str]) -> bytes:
    """Laid out as a government document: 16 pt 仿宋-like type on a 28 pt grid, centred title,
    every paragraph's first line indented two characters, lines broken at the margin."""
    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=A4)
    size, per_line, left, y = 16, 28, 72.0, 770.0
    page.setFont("STSong-Light", 22)
    page.drawCentredString(A4[0] / 2, y, title)
    y -= 56
    page.setFont("STSong-Light", size)
    for paragraph in paragraphs:
        first, rest = paragraph[: per_line - 2], paragraph[per_line - 2 :]
        lines = [(left + 2 * size, first)] + [(left, rest[i : i + per_line]) for i in range(0, len(rest), per_line)]
        for x, line in lines:
            page.drawString(x, y, line)
            y -= 28
    page.showPage()
    page.save()
    return buffer.getvalue()


def test_an_official_pdf_keeps_one_paragraph_per_line_however_its_lines_were_set() -> None:
    paragraphs = [
        "各县（市、区）人民政府，市政府各部门：",
        "一、设立产业集群发展专项资金。市财政每年安排二千万元，重点支持集群龙头企业技术改造、"
        "数字化转型和公共服务平台建设，对新认定的省级特色产业集群一次性奖励一百万元。",
        "二、加强用地保障。",
        "（一）优先保障集群重点项目用地指标，对符合条件的项目按工业用地出让最低价标准的七成确定出让底价。",
    ]
    read = read_document(official_pdf("关于加快特色产业集群发展的若干措施", paragraphs), "official.pdf")
    assert read.text.split("\n") == ["关于加快特色产业集群发展的若干措施", *paragraphs]


def test_a_scanned_pdf_without_text_is_refused_with_advice() -> None:
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=A4)
    for row in range(40):  # what a scan is to a PDF reader: marks, no text
        page.rect(72, 780 - row * 18, 400, 10, fill=1)
    page.showPage()
    page.save()
    with pytest.raises(IngestError, match="扫描版 PDF，没有文字层：请先做文字识别（OCR）再导入"):
        read_document(buffer.getvalue(), "scan.pdf")


def test_a_password_protected_pdf_is_refused() -> None:
    with pytest.raises(IngestError, match="密码"):
        read_document(cjk_pdf(["设立专项资金。"], encrypt="secret"), "locked.pdf")


def test_a_damaged_pdf_is_refused() -> None:
    with pytest.raises(IngestError, match="已损坏"):
        read_document(b"%PDF-1.4\n1 0 obj <<>> garbage", "broken.pdf")


def test_a_word_document_keeps_paragraphs_tables_and_automatic_numbers() -> None:
    document = docx.Document()
    document.core_properties.title = "关于支持特色产业集群发展的意见"
    document.add_heading("关于支持特色产业集群发展的意见", level=1)
    document.add_paragraph("为加快特色产业集群发展，提出如下意见。")
    document.add_paragraph("设立产业集群发展专项资金。", style="List Number")
    document.add_paragraph("建设公共技术服务平台。", style="List Number")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "集群名称", "所在县"
    table.cell(1, 0).text, table.cell(1, 1).text = "泵阀产业集群", "某某县"
    buffer = io.BytesIO()
    document.save(buffer)

    read = read_document(buffer.getvalue(), "意见.docx")
    assert read.format == "docx"
    assert read.text.split("\n") == [
        "关于支持特色产业集群发展的意见",
        "为加快特色产业集群发展，提出如下意见。",
        "1.设立产业集群发展专项资金。",
        "2.建设公共技术服务平台。",
        "集群名称 所在县",
        "泵阀产业集群 某某县",
    ]
    assert read.metadata["title"] == "关于支持特色产业集群发展的意见"


def test_an_empty_word_document_is_refused() -> None:
    buffer = io.BytesIO()
    docx.Document().save(buffer)
    with pytest.raises(IngestError, match="没有文字"):
        read_document(buffer.getvalue(), "empty.docx")


def _zip(*names: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in names:
            archive.writestr(name, "x")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("data", "filename", "message"),
    [
        (
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504),
            "通知.doc",
            "旧版 Word 文件（.doc）：请用 Word 或 WPS 另存为 .docx",
        ),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504), "名单.xls", "Excel"),
        (_zip("[Content_Types].xml", "xl/workbook.xml"), "名单.xlsx", "Excel"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "scan.png", "图片：请先做文字识别（OCR）"),
        (_zip("a.txt", "b.txt"), "docs.zip", "压缩包：请先解压"),
        (rb"{\rtf1\ansi \u35774?}", "a.rtf", "RTF"),
        (b"MIME-Version: 1.0\r\nContent-Type: multipart/related", "page.mht", "MHTML"),
        ("设立专项资金。".encode(), "renamed.doc", "旧版 Word"),
    ],
    ids=["doc", "xls", "xlsx", "png", "zip", "rtf", "mhtml", "text-named-doc"],
)
def test_formats_we_cannot_read_are_refused_naming_the_format_and_what_to_do(
    data: bytes, filename: str, message: str
) -> None:
    with pytest.raises(IngestError, match=message):
        read_document(data, filename)


def test_refusals_follow_the_readers_language() -> None:
    with translation.override("en"), pytest.raises(IngestError, match="old Word file"):
        read_document(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504), "notice.doc")


@pytest.mark.parametrize(
    ("data", "filename", "expected"),
    [
        (b"%PDF-1.7\n", "x.docx", "pdf"),
        (GOV_PAGE.encode("utf-16"), "page.txt", "html"),
        ("<<中华人民共和国中小企业促进法>>规定……".encode(), "law.txt", "text"),
        (b"\xef\xbb\xbf<!DOCTYPE html><html><body><p>x</p></body></html>", "a", "html"),
    ],
)
def test_formats_are_sniffed_from_content_before_the_name(data: bytes, filename: str, expected: str) -> None:
    assert sniff_format(data, filename) == expected
