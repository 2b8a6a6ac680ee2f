"""Random long-format SRM diaries with ties, midnight bedtimes, missing days, duplicates."""
import csv
import datetime as dt
import random
import sys

from scorer import SRM5, SRM17

BASE = {"out_of_bed": 420, "first_contact": 470, "morning_beverage": 440, "breakfast": 450, "go_outside": 500,
        "start_work": 540, "lunch": 750, "afternoon_nap": 900, "dinner": 1110, "exercise": 1050,
        "evening_snack": 1260, "evening_news": 1200, "other_tv": 1290, "activity_a": 600, "activity_b": 1000,
        "return_home": 1080, "to_bed": 1420}

SPECIAL = [
    [0, 480, 960],  # zero resultant, triangle
    [0, 720, 100, 820],  # zero resultant, two antipodal pairs
    [0, 480, 960, 100, 820, 100, 820],  # zero resultant, 7 values
    [0, 100, 1340, 720],  # antipodal to an exact mean
    [360, 365, 370, 1080],  # antipodal-ish
    [360, 481, 350, 475, 345, 350, 350],  # §3.1 shape
    [360, 350, 481, 475, 345, 350, 350],
    [0, 0, 0, 720, 720, 720],
    [10, 20, 30, 740, 750, 760, 400],
]


def main(path, form, participants, weeks, seed):
    rnd = random.Random(seed)
    items = SRM5 if form == "srm_5" else SRM17
    with open(path, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["participant", "date", "item", "time", "people", "mood"])
        for p in range(participants):
            start = dt.date(2026, 1, 1) + dt.timedelta(days=rnd.randrange(400))
            # DST Sunday in Europe: 2026-03-29, US 2026-03-08 -> put some diaries across them
            if rnd.random() < 0.2:
                start = dt.date(2026, 3, 25)
            grid = rnd.choice([1, 1, 5, 5, 10, 15, 30])
            spread = rnd.choice([0, 5, 10, 15, 20, 30, 45, 60, 90, 180, 400])
            pmiss = rnd.choice([0, 0, 0.1, 0.3, 0.5, 0.7])
            ndays = rnd.choice([3, 7, 7 * weeks, 7 * weeks + rnd.randrange(1, 7)])
            bases = {it: (BASE[it] + rnd.randrange(-90, 91)) % 1440 for it in items}
            if rnd.random() < 0.3:  # midnight bedtimes
                bases["to_bed"] = rnd.choice([1430, 0, 10, 30, 1410, 60])
            special = {}
            if rnd.random() < 0.15:
                it = rnd.choice(items)
                vals = rnd.choice(SPECIAL)
                rot = rnd.choice([0, 0, 5, 600, 1000])
                special[it] = [(v + rot) % 1440 for v in vals]
            rows = []
            for d in range(ndays):
                date = start + dt.timedelta(days=d)
                mood = rnd.choice(["", "", str(rnd.randrange(-5, 6))])
                for it in items:
                    r = rnd.random()
                    if it in special and d % 7 < len(special[it]):
                        t = special[it][d % 7]
                    elif r < pmiss * 0.5:
                        continue  # not recorded at all
                    elif r < pmiss * 0.8:
                        rows.append((date, it, "", "", mood))
                        continue
                    elif r < pmiss:
                        rows.append((date, it, "not_recorded", "", mood))
                        continue
                    else:
                        t = bases[it] + round(rnd.gauss(0, spread) / grid) * grid
                        if rnd.random() < 0.05:
                            t += rnd.choice([-1, 1]) * rnd.randrange(60, 400)
                    t %= 1440
                    people = rnd.choice(["", "0", "1", "2", "3"])
                    rows.append((date, it, "%02d:%02d" % divmod(t, 60), people, mood))
                    if rnd.random() < 0.03:  # duplicate entry later in the file
                        t2 = (t + rnd.randrange(-120, 121)) % 1440
                        rows.append((date, it, "%02d:%02d" % divmod(t2, 60), "", ""))
                    if rnd.random() < 0.02:
                        rows.append((date, it, "", "", ""))
            if rnd.random() < 0.3:
                rnd.shuffle(rows)  # file order within a participant need not be by date
            for date, it, t, people, mood in rows:
                item = it if rnd.random() < 0.8 else str(SRM17.index(it) + 1)
                w.writerow(["P%05d" % p, date.isoformat(), item, t, people, mood])


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5]))
