"""Deterministic synthetic claims (mixed Russian and English) and messages for the speed benchmark.

Sentences are built from templates over real and generated vocabularies with Zipf-like sampling,
so posting lists have a realistic long tail: a few very common terms (Россия, заявил) and
hundreds of thousands of rare ones (generated surnames and towns).
"""

from __future__ import annotations

import random

RU_PEOPLE = ["Путин", "Лавров", "Шойгу", "Мишустин", "Песков", "Захарова", "Медведев", "Ким Чен Ын",
             "Зеленский", "Байден", "Трамп", "Си Цзиньпин", "Макрон", "Лукашенко", "Руденко", "Набиуллина",
             "Собянин", "Кадыров", "Володин", "Матвиенко"]
RU_ROLES = ["министр обороны", "глава МИД", "губернатор", "мэр", "депутат Госдумы", "сенатор", "посол",
            "председатель правительства", "пресс-секретарь", "глава Минфина", "директор ФСБ",
            "министр здравоохранения", "министр образования", "председатель ЦБ", "вице-премьер"]
RU_VERBS = ["заявил о", "сообщил о", "опроверг слухи о", "подтвердил данные о", "пообещал закон о",
            "потребовал доклад о", "предложил решение о", "объявил о", "признал ошибку в", "отказался говорить о",
            "подписал указ о", "раскритиковал споры о", "предупредил о", "не исключил споров о",
            "рассказал о", "высказался о", "солгал о", "напомнил о"]
RU_TOPICS = ["поставках оружия", "повышении пенсий", "снижении налогов", "строительстве моста",
             "закрытии границы", "мобилизации", "росте цен на бензин", "запрете мигрантов",
             "выплатах семьям", "отключении интернета", "переговорах с Украиной", "санкциях против России",
             "визите в КНДР", "учениях НАТО", "дефиците лекарств", "эпидемии гриппа", "курсе рубля",
             "ядерных испытаниях", "продаже нефти", "новом налоге на смартфоны", "отмене ЕГЭ",
             "переносе выборов", "запуске ракеты", "повышении ключевой ставки", "реформе армии",
             "поставках газа в Китай", "строительстве АЭС", "вакцинации детей", "закрытии школ",
             "блокировке Telegram", "урожае пшеницы", "наводнении", "лесных пожарах", "поставках зерна"]
RU_PLACES = ["Москве", "Петербурге", "Пхеньяне", "Киеве", "Минске", "Пекине", "Вашингтоне", "Казани",
             "Новосибирске", "Крыму", "Сочи", "Владивостоке", "Екатеринбурге", "Калининграде", "Ростове"]
RU_TIMES = ["в понедельник", "во вторник", "в среду", "в четверг", "в пятницу", "на прошлой неделе",
            "в январе", "в феврале", "в марте", "в апреле", "в мае", "в июне", "в июле", "в августе",
            "в сентябре", "в октябре", "в ноябре", "в декабре", "в этом году", "в прошлом году"]
RU_UNITS = ["тысяч человек", "миллионов рублей", "процентов", "танков", "километров", "тонн",
            "миллиардов долларов", "школ", "больниц", "самолётов"]
RU_SYL = ["ка", "ра", "ло", "ми", "то", "ва", "не", "ду", "бо", "ри", "са", "зе", "го", "пе", "ки",
          "ле", "мо", "на", "ти", "ху", "жа", "ше", "че", "фа"]
RU_SURNAME_END = ["ов", "ев", "ин", "ский", "цкий", "енко", "ук", "ян"]
RU_TOWN_END = ["ске", "ове", "ино", "граде", "поле"]

EN_PEOPLE = ["Biden", "Trump", "Obama", "Hillary Clinton", "Elon Musk", "Bill Gates", "Nancy Pelosi",
             "Kamala Harris", "Boris Johnson", "Justin Trudeau", "Greta Thunberg", "Mark Zuckerberg",
             "the Pope", "Putin", "Zelensky", "Taylor Swift", "Oprah Winfrey", "Bernie Sanders"]
EN_VERBS = ["said", "claimed", "announced", "denied", "confirmed", "promised", "banned", "signed a bill on",
            "tweeted about", "warned about", "admitted", "proposed", "endorsed", "criticised"]
EN_TOPICS = ["a ban on plastic bags", "free college tuition", "a new tax on soda", "mandatory vaccines",
             "the border wall", "5G towers spreading viruses", "a cure for cancer", "voter fraud",
             "a microchip in vaccines", "gas prices", "the minimum wage", "a national lockdown",
             "student loan forgiveness", "a secret meeting with aliens", "the moon landing", "fake ballots",
             "a shortage of baby formula", "social security cuts", "gun confiscation", "a crypto scam"]
EN_PLACES = ["Texas", "Florida", "California", "New York", "Ohio", "London", "Paris", "Berlin", "Ukraine",
             "Canada", "Mexico", "Australia", "India", "China", "Brazil"]
EN_TIMES = ["on Monday", "on Tuesday", "last week", "in January", "in March", "in May", "in July",
            "in October", "this year", "last year", "in 2020", "in 2021", "in 2022"]
EN_SYL = ["ba", "ro", "ken", "dal", "mi", "son", "ter", "li", "var", "ton", "ne", "gar", "sel", "ford",
          "wick", "man", "ly", "ham", "stein", "berg"]

UNRELATED = [
    "Сборная по хоккею выиграла товарищеский матч со счётом 3:2",
    "Синоптики обещают тёплую погоду на выходных",
    "В зоопарке родился детёныш панды",
    "Новый фильм собрал рекордную кассу в первые выходные",
    "Учёные нашли древний корабль на дне озера",
    "Local bakery wins award for best sourdough bread",
    "The museum opens a new exhibition of modern art",
    "Scientists discover a new species of frog in the rainforest",
    "The football club signs a young striker from Brazil",
    "Heavy snow expected in the mountains this weekend",
]


def _zipf_pick(rng: random.Random, items: list, power: float = 3.0):
    """Skewed pick: index = n·u^power, so low indices are common and the tail is long."""
    n = len(items)
    return items[min(n - 1, int(n * (rng.random() ** power)))]


def _names(rng: random.Random, syl: list[str], ends: list[str], n: int, cap: bool = True) -> list[str]:
    seen: set[str] = set()
    out: list[str] = []
    while len(out) < n:
        w = "".join(rng.choice(syl) for _ in range(rng.randint(2, 3))) + rng.choice(ends)
        if w not in seen:
            seen.add(w)
            out.append(w.capitalize() if cap else w)
    return out


class Generator:
    def __init__(self, seed: int = 20240601, rare: int = 40_000) -> None:
        self.rng = random.Random(seed)
        rng = random.Random(seed + 1)
        self.ru_surnames = _names(rng, RU_SYL, RU_SURNAME_END, rare)
        self.ru_towns = _names(rng, RU_SYL, RU_TOWN_END, rare // 4)
        self.en_surnames = _names(rng, EN_SYL, ["", "s", "er"], rare // 2)
        self.en_towns = _names(rng, EN_SYL, ["ville", "ton", "field", " City"], rare // 8)

    def _ru(self) -> str:
        r = self.rng
        if r.random() < 0.4:
            who = r.choice(RU_PEOPLE)
        else:
            who = f"{r.choice(RU_ROLES)} {_zipf_pick(r, self.ru_surnames)}"
        verb = r.choice(RU_VERBS)
        topic = r.choice(RU_TOPICS)
        parts = [who[0].upper() + who[1:], verb, topic]
        if r.random() < 0.5:
            parts.append(f"на {r.randint(2, 900)} {r.choice(RU_UNITS)}")
        if r.random() < 0.6:
            place = r.choice(RU_PLACES) if r.random() < 0.5 else _zipf_pick(r, self.ru_towns)
            parts.append(f"в {place}")
        if r.random() < 0.5:
            parts.append(r.choice(RU_TIMES))
        return " ".join(parts) + "."

    def _en(self) -> str:
        r = self.rng
        who = r.choice(EN_PEOPLE) if r.random() < 0.5 else f"Senator {_zipf_pick(r, self.en_surnames)}"
        parts = [who, r.choice(EN_VERBS), r.choice(EN_TOPICS)]
        if r.random() < 0.5:
            parts.append(f"costing {r.randint(2, 900)} million dollars")
        if r.random() < 0.6:
            parts.append("in " + (r.choice(EN_PLACES) if r.random() < 0.5 else _zipf_pick(r, self.en_towns)))
        if r.random() < 0.5:
            parts.append(r.choice(EN_TIMES))
        return " ".join(parts) + "."

    def claims(self, n: int, en_share: float = 0.3) -> list[tuple[str, str]]:
        """n (text, lang) claims."""
        out = []
        for _ in range(n):
            if self.rng.random() < en_share:
                out.append((self._en(), "en"))
            else:
                out.append((self._ru(), "ru"))
        return out

    def message(self, claim: str) -> str:
        """A forwarded-style restatement of a claim: reordered, a word dropped or misspelt,
        boilerplate, emoji and a link added."""
        r = self.rng
        words = claim.rstrip(".").split()
        if len(words) > 5 and r.random() < 0.5:
            del words[r.randrange(2, len(words))]
        if len(words) > 4 and r.random() < 0.4:
            i = r.randrange(1, len(words) - 1)
            words[i], words[i + 1] = words[i + 1], words[i]
        if r.random() < 0.3:
            i = r.randrange(len(words))
            w = words[i]
            if len(w) > 5:
                j = r.randrange(1, len(w) - 1)
                words[i] = w[:j] + w[j + 1:]
        text = " ".join(words)
        if r.random() < 0.3:
            text = ("Срочно!!! " if claim[0] in "АБВГДЕЖЗИКЛМНОПРСТУФХЦЧШЩЭЮЯ" else "BREAKING: ") + text
        if r.random() < 0.3:
            text += " 🔥😱"
        if r.random() < 0.3:
            text += f" https://t.me/channel/{r.randint(1, 99999)}"
        return text

    def unrelated(self) -> str:
        return self.rng.choice(UNRELATED)
