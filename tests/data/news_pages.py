"""News pages as news sites serve them: menus, a cookie banner, the article, related articles,
comments, a footer, scripts. Written for the tests and bench/bench_extract.py (no real site's page).

Everything outside the article is full of sentences that look like claims (numbers, names, past
tense), so a page reader that lets boilerplate through makes claims the tests can see.
"""

from __future__ import annotations

from html import escape

ARTICLE_TITLE = "В Твери начнут строить новый мост через Волгу"
ARTICLE_AUTHOR = "Мария Смирнова"
ARTICLE_DATE = "2025-03-14"
CANONICAL = "https://news.example/regions/2025/03/14/tver-bridge"
ARTICLE_PARAGRAPHS = [
    "Из федерального бюджета на строительство нового моста через Волгу в Твери выделено 4,2 миллиарда "
    "рублей, сообщили в пресс-службе правительства Тверской области.",
    "Контракт с подрядчиком подписан 3 февраля.",
    "Губернатор Тверской области Игорь Руденя заявил, что мост длиной 1,1 километра откроют для движения "
    "в декабре 2027 года. По его словам, в прошлом году в регионе отремонтировали 312 километров дорог.",
    "Итоги конкурса на проектирование набережной будут подведены в январе.",
]
# Sentences that must never become claims: they are the site's, not the article's.
BOILERPLATE = [
    "Мы используем файлы cookie, чтобы сайт работал лучше. Продолжая, вы соглашаетесь с политикой.",
    "В Москве на 15% выросли цены на такси",
    "Мэр Твери потратил 3 миллиарда рублей на свою дачу в 2024 году, все знают!",
    "Губернатор Руденя обещал мост ещё в 2019 году и ничего не построил.",
    "© 2025 Новости Примера. Все права защищены. Свидетельство о регистрации СМИ ЭЛ № ФС 77-12345.",
    "Подпишитесь на рассылку: 50 000 читателей уже получают наши новости.",
]
MENU = ["Главная", "Политика", "Экономика", "Регионы", "Происшествия", "Спорт", "Культура", "Наука"]
RELATED = [
    "В Москве на 15% выросли цены на такси",
    "В Калуге открыли 3 новые школы на 2 500 мест",
    "Центробанк сохранил ключевую ставку на уровне 21%",
    "В Самаре построили развязку за 6 миллиардов рублей",
]
COMMENTS = [
    ("Иван_77", "Мэр Твери потратил 3 миллиарда рублей на свою дачу в 2024 году, все знают!"),
    ("Ольга", "Губернатор Руденя обещал мост ещё в 2019 году и ничего не построил."),
    ("Пётр К.", "В прошлом году по старому мосту проехали 12 миллионов машин, он разваливается."),
]


def news_page(paragraphs: list[str] | None = None, *, title: str = ARTICLE_TITLE, padding: int = 0,
              canonical: str = CANONICAL) -> str:
    """A news page around `paragraphs`; `padding` adds that many extra comments and related items
    (a real saved page is mostly markup, scripts and such blocks)."""
    paragraphs = ARTICLE_PARAGRAPHS if paragraphs is None else paragraphs
    menu = "".join(f'<li class="menu__item"><a href="/{i}">{escape(m)}</a></li>' for i, m in enumerate(MENU))
    related = list(RELATED) + [f"В регионе №{i} отремонтировали {i * 7} километров дорог" for i in range(padding)]
    related_html = "".join(f'<li class="related__item"><a href="/news/{i}">{escape(r)}</a>'
                           f'<span class="related__date">13 марта 2025</span></li>' for i, r in enumerate(related))
    comments = list(COMMENTS) + [(f"user{i}", f"Читатель {i} пишет: в 2024 году в нашем районе закрыли {i} аптек.")
                                 for i in range(padding)]
    comments_html = "".join(
        f'<div class="comment" id="c{i}"><div class="comment__author">{escape(a)}</div>'
        f'<p class="comment__text">{escape(t)}</p><a class="comment__reply" href="#reply">Ответить</a></div>'
        for i, (a, t) in enumerate(comments))
    body = "".join(f"<p>{escape(p)}</p>" for p in paragraphs)
    script = "".join(f"<script>window.__ads_{i} = {{slot: 'banner-{i}', size: [300, 250], lazy: true}};</script>"
                     for i in range(padding // 2))
    return f"""<!DOCTYPE html>
<html lang="ru">
<head>
<meta charset="utf-8">
<title>{escape(title)} — Новости Примера</title>
<link rel="canonical" href="{escape(canonical)}">
<meta property="og:title" content="{escape(title)}">
<meta property="og:url" content="{escape(canonical)}">
<meta property="og:type" content="article">
<meta name="author" content="{escape(ARTICLE_AUTHOR)}">
<meta property="article:published_time" content="{ARTICLE_DATE}T09:30:00+03:00">
<style>body{{font-family:sans-serif}} .cookie{{position:fixed;bottom:0}}</style>
{script}
</head>
<body>
<div class="cookie-banner" id="cookie-consent"><p>{escape(BOILERPLATE[0])}</p><button>Принять</button></div>
<header class="site-header"><a class="logo" href="/">Новости Примера</a>
<nav class="main-menu"><ul>{menu}</ul></nav>
<div class="breaking">Срочно: {escape(BOILERPLATE[1])}</div></header>
<main>
<article class="article">
<h1 class="article__title">{escape(title)}</h1>
<div class="article__meta"><span class="byline">Автор: <a rel="author" href="/authors/smirnova">{escape(ARTICLE_AUTHOR)}</a></span>
<time datetime="{ARTICLE_DATE}T09:30:00+03:00">14 марта 2025, 09:30</time></div>
<div class="article__body">{body}</div>
<div class="share">Поделиться: <a href="#">VK</a> <a href="#">Telegram</a> <a href="#">OK</a></div>
</article>
<aside class="related"><h2>Читайте также</h2><ul>{related_html}</ul></aside>
<section class="comments" id="comments"><h2>Комментарии ({len(comments)})</h2>{comments_html}</section>
</main>
<footer class="site-footer"><p>{escape(BOILERPLATE[4])}</p><p>{escape(BOILERPLATE[5])}</p>
<ul><li><a href="/about">О проекте</a></li><li><a href="/ads">Реклама</a></li></ul></footer>
</body>
</html>
"""


def saved_news_page(target_bytes: int = 200_000, paragraphs: list[str] | None = None) -> str:
    """The news page padded to about `target_bytes` of UTF-8, like a page saved from a browser."""
    padding = 10
    page = news_page(paragraphs, padding=padding)
    while len(page.encode("utf-8")) < target_bytes:
        padding = int(padding * target_bytes / len(page.encode("utf-8"))) + 5
        page = news_page(paragraphs, padding=padding)
    return page


NO_ARTICLE = ("<!DOCTYPE html><html><head><title>Новости Примера</title></head><body>"
              "<nav><ul>" + "".join(f"<li><a href='/{m}'>{m}</a></li>" for m in MENU) + "</ul></nav>"
              "<footer>© 2025 Новости Примера</footer></body></html>")


def site_routes() -> dict[str, tuple]:
    """path -> (status, body, content type, extra headers, seconds to wait first)."""
    html = "text/html; charset=utf-8"
    return {
        "/news/bridge": (200, news_page().encode("utf-8"), html, {}, 0),
        "/news/cp1251": (200, news_page().replace('charset="utf-8"', 'charset="windows-1251"').encode("cp1251"),
                         "text/html; charset=windows-1251", {}, 0),
        "/old-link": (301, b"", html, {"Location": "/news/bridge"}, 0),
        "/gone": (404, b"<html><body>Not found</body></html>", html, {}, 0),
        "/report.pdf": (200, b"%PDF-1.7 ...", "application/pdf", {}, 0),
        "/front": (200, NO_ARTICLE.encode("utf-8"), html, {}, 0),
        "/slow": (200, news_page().encode("utf-8"), html, {}, 3),
        "/huge": (200, saved_news_page(300_000).encode("utf-8"), html, {}, 0),
        # the whole page in 20 pieces 0.3 s apart: each read is quick, the page takes 6 s
        "/trickle": (200, news_page().encode("utf-8"), html, {"X-Trickle": "0.3"}, 0),
        # a title and one menu link: no article
        "/stub": (200, b"<html><head><title>Stub</title></head><body><nav><a href='/'>Home</a></nav></body></html>",
                  html, {}, 0),
        # declared UTF-8, but bytes in the article are not
        "/broken-utf8": (200, news_page().encode("utf-8").replace("Руденя".encode(), b"\xff\xfe\xc3("), html, {}, 0),
    }


class NewsSite:
    """A news site on 127.0.0.1 (a free port) serving `site_routes()`; use as a context manager."""

    def __init__(self) -> None:
        import threading
        import time
        from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

        routes = site_routes()

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args) -> None:  # noqa: ANN002 - quiet
                pass

            def do_GET(self) -> None:  # noqa: N802
                status, body, ctype, headers, delay = routes.get(self.path, (404, b"", "text/html", {}, 0))
                if delay:
                    time.sleep(delay)
                self.send_response(status)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(body)))
                for k, v in headers.items():
                    self.send_header(k, v)
                self.end_headers()
                try:
                    if "X-Trickle" in headers:
                        step = -(-len(body) // 20)
                        for i in range(0, len(body), step):
                            self.wfile.write(body[i:i + step])
                            self.wfile.flush()
                            time.sleep(float(headers["X-Trickle"]))
                        return
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (timeout, size cap)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"

    def __enter__(self) -> NewsSite:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:  # noqa: ANN002
        self.server.shutdown()
        self.server.server_close()
