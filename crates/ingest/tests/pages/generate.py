#!/usr/bin/env python3
"""Writes the extraction test pages: NAME.html plus NAME.txt (the expected article body,
one paragraph per line; subheadings included, headline excluded).

The pages imitate the layouts of Arabic news sites: RTL markup, menus, tickers, share bars
(مشاركة), "read also" inserts inside the body, related and most-read lists, comments,
author boxes, cookie banners, ads, JSON-LD (plain and @graph), OpenGraph-only metadata,
bylines, <time> elements, and windows-1256 encoded pages. Run it from this directory:
    python3 generate.py
"""
import html
import json
import os

from articles import ARTICLES

HERE = os.path.dirname(os.path.abspath(__file__))
E = html.escape

MENU = ["الرئيسية", "محليات", "سياسة", "اقتصاد", "رياضة", "ثقافة", "تقنية", "منوعات", "رأي", "فيديو"]
RELATED = [
    "أمير المنطقة يفتتح مشروعات تنموية بقيمة 400 مليون ريال",
    "ارتفاع أسعار النفط مع تراجع المخزونات الأمريكية",
    "انطلاق فعاليات مهرجان الصيف في المدن الساحلية",
    "الجامعة تعلن مواعيد القبول للعام الجامعي الجديد",
    "تمديد ساعات عمل المنافذ الحدودية خلال الإجازة",
]
COMMENTS = [
    ("أبو محمد", "خبر جميل، ونتمنى أن تستمر هذه الجهود، وأن نرى نتائجها على أرض الواقع قريباً إن شاء الله."),
    ("مواطن", "للأسف مثل هذه الأخبار تتكرر كل عام، ولا نرى تغييراً حقيقياً في الخدمات المقدمة للناس."),
    ("سارة", "شكراً للصحيفة على التغطية المميزة، ونرجو متابعة الموضوع ونشر التفاصيل أولاً بأول."),
]
COOKIE = "نستخدم ملفات تعريف الارتباط لتحسين تجربتك على موقعنا، وتحليل حركة الزوار، وتقديم محتوى مخصص. باستمرارك في التصفح فإنك توافق على سياسة الخصوصية."
ABOUT = "صحيفة يومية مستقلة تصدر عن مؤسسة للصحافة والنشر، تأسست عام 1965، وتهتم بالشأن المحلي والعربي والدولي."


def paras_html(paras, p_tag="p", inserts=None):
    out = []
    for i, p in enumerate(paras):
        if p.startswith("## "):
            out.append(f"<h2>{E(p[3:])}</h2>")
        else:
            out.append(f"<{p_tag}>{E(p)}</{p_tag}>")
        if inserts and i in inserts:
            out.append(inserts[i])
    return "\n".join(out)


def expected(paras):
    return "\n".join(p[3:] if p.startswith("## ") else p for p in paras) + "\n"


def menu_html(cls="main-menu"):
    items = "".join(f'<li><a href="/section/{i}">{E(m)}</a></li>' for i, m in enumerate(MENU))
    return f'<nav class="{cls}"><ul>{items}</ul></nav>'


def related_html(title="أخبار ذات صلة", cls="related-news"):
    items = "".join(f'<li><a href="/news/{100 + i}">{E(r)}</a></li>' for i, r in enumerate(RELATED))
    return f'<div class="{cls}"><h3>{title}</h3><ul>{items}</ul></div>'


def comments_html(cls="comments"):
    items = "".join(
        f'<div class="comment"><span class="comment-author">{E(a)}</span><p>{E(t)}</p></div>' for a, t in COMMENTS
    )
    return f'<section class="{cls}"><h3>التعليقات (3)</h3>{items}<form><textarea></textarea><button>أضف تعليق</button></form></section>'


def share_html():
    return ('<div class="share-bar"><span>مشاركة :</span><a href="#">فيسبوك</a><a href="#">تويتر</a>'
            '<a href="#">واتساب</a><a href="#">تيليجرام</a></div>')


def ld(article, url, graph=False):
    slug, title, author, date, outlet, paras = article
    art = {"@type": "NewsArticle", "headline": title, "datePublished": date + "T09:30:00+03:00",
           "dateModified": date + "T11:00:00+03:00", "inLanguage": "ar", "mainEntityOfPage": url}
    if graph:
        org = {"@type": "NewsMediaOrganization", "@id": url.split("/news")[0] + "/#org", "name": outlet}
        art["publisher"] = {"@id": org["@id"]}
        nodes = [org, {"@type": "WebPage", "@id": url, "name": title}, art]
        if author:
            person = {"@type": "Person", "@id": url + "#author", "name": author}
            art["author"] = {"@id": person["@id"]}
            nodes.append(person)
        data = {"@context": "https://schema.org", "@graph": nodes}
    else:
        art["@context"] = "https://schema.org"
        art["publisher"] = {"@type": "Organization", "name": outlet}
        if author:
            art["author"] = [{"@type": "Person", "name": author}]
        data = art
    return f'<script type="application/ld+json">{json.dumps(data, ensure_ascii=False)}</script>'


def head(article, url, extra=""):
    slug, title, author, date, outlet, paras = article
    return (f'<head><meta charset="utf-8"><title>{E(title)} | {E(outlet)}</title>'
            f'<meta name="viewport" content="width=device-width">'
            f'<meta property="og:title" content="{E(title)}"><meta property="og:site_name" content="{E(outlet)}">'
            f'<meta property="og:url" content="{url}"><link rel="canonical" href="{url}">'
            f'<link rel="stylesheet" href="/css/main.css"><script src="/js/ads.js"></script>{extra}</head>')


def t_wordpress(article, url):
    """WordPress news theme: @graph JSON-LD, entry-content, inline 'read also', share bar."""
    slug, title, author, date, outlet, paras = article
    inserts = {1: f'<p class="read-also"><strong>اقرأ أيضاً:</strong> <a href="/news/77">{E(RELATED[0])}</a></p>'}
    body = paras_html(paras, inserts=inserts)
    return f"""<!DOCTYPE html><html lang="ar" dir="rtl">{head(article, url, ld(article, url, graph=True))}
<body class="single single-post">
<div id="cookie-notice" class="cookie-banner"><p>{COOKIE}</p><button>موافق</button></div>
<header class="site-header"><div class="logo"><a href="/">{E(outlet)}</a></div>{menu_html()}</header>
<div class="breaking-news"><span>عاجل</span><a href="/news/9">{E(RELATED[1])}</a></div>
<div class="container"><main id="main" class="site-main">
<article class="post type-post">
<header class="entry-header"><h1 class="entry-title">{E(title)}</h1>
<div class="entry-meta"><span class="byline">بقلم: {E(author or outlet)}</span> <time class="entry-date" datetime="{date}T09:30:00+03:00">{date}</time></div></header>
{share_html()}
<figure class="wp-block-image"><img src="/img/1.jpg" alt=""><figcaption>صورة أرشيفية من الحدث</figcaption></figure>
<div class="entry-content">
{body}
</div>
<div class="post-tags"><span>الوسوم:</span><a href="/tag/1">محليات</a><a href="/tag/2">أخبار</a></div>
{share_html()}
</article>
{related_html()}
{comments_html()}
</main>
<aside class="sidebar"><div class="widget most-read"><h3>الأكثر قراءة</h3><ol>{''.join(f'<li><a href="/n/{i}">{E(r)}</a></li>' for i, r in enumerate(RELATED))}</ol></div>
<div class="widget ad-box"><a href="/ad"><img src="/ad.gif"></a></div></aside></div>
<footer class="site-footer"><p>{ABOUT}</p><p>جميع الحقوق محفوظة © 2024</p></footer>
<script>window.dataLayer=window.dataLayer||[];</script></body></html>"""


def t_portal(article, url):
    """Big portal: article-body div, plain JSON-LD, ads between paragraphs, most-read box."""
    slug, title, author, date, outlet, paras = article
    ad = '<div class="ads-inline"><div id="div-gpt-ad-123"><script>googletag.display("x")</script></div><span>إعلان</span></div>'
    inserts = {0: ad, 2: ad}
    body = paras_html(paras, inserts=inserts)
    return f"""<!DOCTYPE html><html lang="ar" dir="rtl">{head(article, url, ld(article, url))}
<body>
<div class="top-bar"><span>الأحد 12 فبراير 2024</span><a href="/login">تسجيل الدخول</a> <a href="/en">English</a></div>
{menu_html("navbar")}
<div class="ticker"><ul><li>{E(RELATED[2])}</li><li>{E(RELATED[3])}</li></ul></div>
<div class="row"><div class="col-md-8">
<div class="breadcrumb"><a href="/">الرئيسية</a> / <a href="/s">الأخبار</a></div>
<h1>{E(title)}</h1>
<div class="article-info"><span class="author-name">{E(author or outlet)}</span><span class="publish-date">{date}</span></div>
<div class="article-body" itemprop="articleBody">
{body}
</div>
<div class="social-share"><a>مشاركة</a><a>طباعة</a><a>نسخ الرابط</a></div>
<div class="author-box"><h4>{E(author or outlet)}</h4><p>صحفي متخصص في الشؤون المحلية، عمل في عدد من الصحف والمواقع الإخبارية، ويكتب تقارير أسبوعية.</p></div>
{related_html("اقرأ أيضاً", "more-news")}
</div>
<div class="col-md-4"><div class="most-read"><h3>الأكثر قراءة</h3>{''.join(f'<div class="item"><a href="/n/{i}">{E(r)}</a></div>' for i, r in enumerate(RELATED))}</div></div></div>
<div class="newsletter"><p>اشترك في نشرتنا البريدية ليصلك ملخص أهم الأخبار، كل صباح، مباشرة إلى بريدك الإلكتروني.</p><input><button>اشتراك</button></div>
<div id="footer"><p>{ABOUT}</p></div></body></html>"""


def t_legacy(article, url):
    """Old table layout, windows-1256, text in a div separated by <br>, meta tags only."""
    slug, title, author, date, outlet, paras = article
    body = "<br><br>\n".join(f"<b>{E(p[3:])}</b>" if p.startswith("## ") else E(p) for p in paras)
    return f"""<html dir="rtl"><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1256">
<title>{E(outlet)} - {E(title)}</title><meta name="description" content="{E(paras[0][:120])}">
<meta name="author" content="{E(author)}"><meta name="date" content="{date}"></head>
<body bgcolor="#ffffff"><table width="100%"><tr><td colspan="2" class="banner"><img src="/logo.gif"> <a href="/">{E(outlet)}</a></td></tr>
<tr><td width="20%" valign="top" class="menu">{''.join(f'<a href="/s{i}">{E(m)}</a><br>' for i, m in enumerate(MENU))}</td>
<td valign="top"><font size="5"><b class="title">{E(title)}</b></font><br>
<span class="date">{date}</span><br><br>
<div class="text">{body}</div>
<br><a href="/print">طباعة</a> | <a href="/send">أرسل لصديق</a>
<hr><div class="relatedtopics"><b>مواضيع ذات صلة</b><br>{'<br>'.join(f'<a href="/n{i}">{E(r)}</a>' for i, r in enumerate(RELATED))}</div>
</td></tr><tr><td colspan="2" align="center" class="copyright">{ABOUT} جميع الحقوق محفوظة</td></tr></table></body></html>"""


def t_og_only(article, url):
    """Modern SPA-rendered page: OpenGraph only, story-content sections, live comments."""
    slug, title, author, date, outlet, paras = article
    body = "\n".join(
        f'<h3 class="subtitle">{E(p[3:])}</h3>' if p.startswith("## ") else f'<div class="paragraph"><p>{E(p)}</p></div>'
        for p in paras)
    return f"""<!doctype html><html lang="ar" dir="rtl"><head><meta charset="utf-8">
<meta property="og:title" content="{E(title)}"><meta property="og:site_name" content="{E(outlet)}">
<meta property="article:published_time" content="{date}T06:00:00Z"><meta property="og:locale" content="ar_AR">
<meta property="article:author" content="{E(author)}"><title>{E(title)}</title></head>
<body><div id="app"><div class="header-wrapper"><a class="logo" href="/">{E(outlet)}</a>{menu_html("menu-list")}<div class="search-box"><input placeholder="ابحث"></div></div>
<div class="gdpr-consent" role="dialog"><p>{COOKIE}</p></div>
<div class="page"><div class="story"><h1 class="story-title">{E(title)}</h1>
<div class="story-meta"><span>{E(author)}</span> · <span>{date}</span></div>
<div class="story-share">مشاركة <a>f</a><a>x</a></div>
<div class="story-content">{body}</div>
<div class="story-tags">الكلمات المفتاحية: <a>أخبار</a></div></div>
<div class="recommended"><h4>قد يعجبك أيضاً</h4>{''.join(f'<a class="card" href="/c{i}"><span>{E(r)}</span></a>' for i, r in enumerate(RELATED))}</div>
{comments_html("comments-section")}</div>
<div class="footer-links"><a>من نحن</a><a>اتصل بنا</a><a>سياسة الخصوصية</a></div></div></body></html>"""


def t_agency(article, url):
    """News agency page: <time>, byline element, dateline in body, iso-8859-6 or 1256 text."""
    slug, title, author, date, outlet, paras = article
    body = paras_html(paras)
    return f"""<!DOCTYPE html><html lang="ar" dir="rtl"><head><meta charset="windows-1256"><title>{E(title)}</title>
<meta name="keywords" content="أخبار,عاجل"></head>
<body><div class="wrapper"><div class="topnav">{menu_html()}</div>
<div class="content-area"><div class="news-details"><h1>{E(title)}</h1>
<p class="byline">{('بقلم: ' + E(author)) if author else E(outlet)}</p><time datetime="{date}">{date}</time>
{body}
<div class="source">المصدر: {E(outlet)}</div>
</div>
<div class="latest-news"><h3>آخر الأخبار</h3>{''.join(f'<p><a href="/l{i}">{E(r)}</a></p>' for i, r in enumerate(RELATED))}</div></div>
<footer><p>{ABOUT}</p></footer></div></body></html>"""


def t_magazine(article, url):
    """Magazine/opinion layout: main>article, pull quote, embedded video, newsletter, aside."""
    slug, title, author, date, outlet, paras = article
    pull = f'<aside class="pull-quote"><p>{E(paras[1][:90])}</p></aside>'
    inserts = {1: pull, 2: '<div class="video-embed"><iframe src="https://video.example/x"></iframe><p class="caption">فيديو: تغطية الحدث</p></div>'}
    body = paras_html(paras, inserts=inserts)
    return f"""<!DOCTYPE html><html lang="ar" dir="rtl">{head(article, url, ld(article, url))}
<body><a class="skip-link" href="#content">تخطي إلى المحتوى</a>
<header role="banner">{menu_html("primary-navigation")}</header>
<main id="content"><article>
<h1>{E(title)}</h1><p class="article-dek">{E(RELATED[4])}</p>
<div class="article-byline">{E(author or outlet)} — <time datetime="{date}">{date}</time></div>
<section class="article-text">
{body}
</section>
<div class="sharing"><button>مشاركة</button></div>
</article>
<section class="more-from"><h2>المزيد من {E(outlet)}</h2><ul>{''.join(f'<li><a href="/m{i}">{E(r)}</a></li>' for i, r in enumerate(RELATED))}</ul></section>
</main>
<div class="cookie-consent"><p>{COOKIE}</p></div>
<footer role="contentinfo"><p>{ABOUT}</p></footer></body></html>"""


TEASERS = [
    "في تقرير موسع، تستعرض الصحيفة أبرز التحولات في سوق العمل خلال العقد الأخير، وتأثيرها على الشباب والخريجين الجدد.",
    "يروي عدد من المتطوعين تجاربهم في العمل الإنساني، ويتحدثون عن التحديات التي واجهوها، والدروس التي تعلموها خلال سنوات.",
    "يناقش خبراء في الاقتصاد والطاقة مستقبل الأسعار، في ظل التقلبات الجيوسياسية، والتحولات في الطلب العالمي على الوقود.",
]


def t_bootstrap(article, url):
    """Plain grid layout: no semantic classes, a sidebar of prose teasers, teaser cards below."""
    slug, title, author, date, outlet, paras = article
    body = paras_html(paras)
    cards = "".join(f'<div class="card"><a href="/t{i}"><h5>{E(RELATED[i])}</h5></a><p>{E(t)}</p></div>' for i, t in enumerate(TEASERS))
    return f"""<!DOCTYPE html><html lang="ar" dir="rtl">{head(article, url)}
<body><div class="container-fluid"><div class="row"><div class="col-12">{menu_html("nav-links")}</div></div>
<div class="row"><div class="col-lg-8"><h1>{E(title)}</h1><p class="text-muted small">{E(author or outlet)} | {date}</p>
{body}
<div id="disqus_thread"></div></div>
<div class="col-lg-4"><h4>مختارات</h4>{''.join(f'<p>{E(t)}</p>' for t in TEASERS)}</div></div>
<div class="row">{cards}</div></div></body></html>"""


def t_liveblog(article, url):
    """Live coverage: updates with their own time stamps inside one article element."""
    slug, title, author, date, outlet, paras = article
    updates = []
    for i, p in enumerate(paras):
        stamp = f'<time datetime="{date}T{10 + i:02d}:00">{10 + i:02d}:00</time>'
        inner = f"<h2>{E(p[3:])}</h2>" if p.startswith("## ") else f"<p>{E(p)}</p>"
        updates.append(f'<div class="live-update">{stamp}{inner}<div class="update-share"><a>مشاركة</a></div></div>')
    return f"""<!DOCTYPE html><html lang="ar" dir="rtl">{head(article, url, ld(article, url))}
<body>{menu_html()}<main><article class="live-blog"><h1>{E(title)}</h1>
<div class="live-badge">تغطية مباشرة</div>
{''.join(reversed(updates))}
</article>{related_html()}</main><footer><p>{ABOUT}</p></footer></body></html>"""


def t_amp(article, url):
    """AMP page: custom elements for images, ads and share buttons."""
    slug, title, author, date, outlet, paras = article
    inserts = {1: '<amp-ad width="300" height="250" type="doubleclick" data-slot="/1/x"></amp-ad>',
               2: '<amp-img src="/i.jpg" width="600" height="400" layout="responsive" alt="صورة"></amp-img>'}
    body = paras_html(paras, inserts=inserts)
    return f"""<!doctype html><html amp lang="ar" dir="rtl">{head(article, url, ld(article, url, graph=True))}
<body><amp-sidebar id="sidebar" layout="nodisplay">{menu_html()}</amp-sidebar>
<header class="amp-header"><a href="/">{E(outlet)}</a></header>
<div class="amp-article"><h1 class="amp-title">{E(title)}</h1>
<amp-social-share type="twitter"></amp-social-share><amp-social-share type="whatsapp"></amp-social-share>
<div class="amp-article-body">{body}</div>
<amp-social-share type="facebook"></amp-social-share>
<div class="amp-related"><h3>اقرأ أيضاً</h3>{''.join(f'<a href="/a{i}">{E(r)}</a>' for i, r in enumerate(RELATED))}</div></div>
<footer class="amp-footer">{ABOUT}</footer></body></html>"""


def t_spans(article, url):
    """Older CMS output: paragraphs wrapped in styled spans, spacer divs, ISO-8859-6."""
    slug, title, author, date, outlet, paras = article
    parts = []
    for p in paras:
        if p.startswith("## "):
            parts.append(f'<p><strong><span style="font-size:16px">{E(p[3:])}</span></strong></p>')
        else:
            parts.append(f'<p style="text-align:justify"><span style="font-family:Arial"><span style="font-size:14px">{E(p)}</span></span></p>')
        parts.append("<div>&nbsp;</div>")
    return f"""<html dir="rtl"><head><meta http-equiv="content-type" content="text/html; charset=iso-8859-6"><title>{E(title)}</title></head>
<body><div id="Header"><a href="/">{E(outlet)}</a> {''.join(f'<a href="/c{i}">{E(m)}</a> | ' for i, m in enumerate(MENU))}</div>
<div id="MainArea"><div class="NewsTitle">{E(title)}</div><div class="NewsDate">{date}</div>
<div id="NewsStory">{''.join(parts)}</div>
<div class="Tools"><a href="/p">طباعة</a> <a href="/e">إرسال</a></div>
<div class="OtherNews"><div class="Head">أخبار أخرى</div>{''.join(f'<div><a href="/o{i}">{E(r)}</a></div>' for i, r in enumerate(RELATED))}</div></div>
<div id="Footer">{ABOUT}</div></body></html>"""


EXTRA_TEMPLATES = [("grid", t_bootstrap, "utf-8"), ("live", t_liveblog, "utf-8"), ("amp", t_amp, "utf-8"),
                   ("spans", t_spans, "iso-8859-6")]


TEMPLATES = [("wordpress", t_wordpress, "utf-8"), ("portal", t_portal, "utf-8"), ("legacy", t_legacy, "windows-1256"),
             ("og", t_og_only, "utf-8"), ("agency", t_agency, "windows-1256"), ("magazine", t_magazine, "utf-8")]


def main():
    jobs = [(i, a, TEMPLATES[i % len(TEMPLATES)]) for i, a in enumerate(ARTICLES)]
    # The same articles in four more layouts (pages 13-16), different article per layout.
    jobs += [(12 + k, ARTICLES[(3 * k + 4) % len(ARTICLES)], t) for k, t in enumerate(EXTRA_TEMPLATES)]
    for i, article, (name, template, encoding) in jobs:
        slug = article[0]
        url = f"https://news{i}.example/news/2024/{slug}"
        page = template(article, url)
        # Live pages show the newest update first.
        paras = list(reversed(article[5])) if name == "live" else article[5]
        base = os.path.join(HERE, f"{i + 1:02d}-{name}-{slug}")
        with open(base + ".html", "wb") as f:
            f.write(page.encode(encoding, "xmlcharrefreplace"))
        with open(base + ".txt", "w", encoding="utf-8") as f:
            f.write(expected(paras))
        # The spans layout shows no author anywhere.
        shown_author = None if name == "spans" else (article[2] or None)
        meta = {"title": article[1], "author": shown_author, "published": article[3]}
        with open(base + ".meta.json", "w", encoding="utf-8") as f:
            json.dump(meta, f, ensure_ascii=False, indent=1)
            f.write("\n")


if __name__ == "__main__":
    main()
