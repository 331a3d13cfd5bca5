"""Which library draws the progress picture: Pillow by hand (what bot/progress/picture.py does)
against matplotlib (Agg), each in a fresh interpreter, as ratios to a bare `python -c pass` run in
the same benchmark, absolute figures beside.

Measured per candidate (median of RUNS fresh processes): the wall time to import what drawing
needs, the time to draw one progress-like PNG (12 topic bars + a 16-week calendar), and the
process's peak memory (max RSS) after drawing.

`python -m benchmarks charts_bench`
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import time

RUNS = 5

_MEASURE = r"""
import json, resource, time
t0 = time.perf_counter()
{imports}
t1 = time.perf_counter()
{draw}
t2 = time.perf_counter()
print(json.dumps({{"import": t1 - t0, "draw": t2 - t1,
                   "rss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, "bytes": size}}))
"""

CANDIDATES = {
    "baseline (python -c pass)": ("pass", "size = 0"),
    "Pillow, drawn by hand": (
        "from PIL import Image, ImageDraw, ImageFont",
        """
import io
image = Image.new("RGB", (760, 640), (255, 255, 255))
draw = ImageDraw.Draw(image)
font = ImageFont.load_default()
for i in range(12):
    draw.rectangle((160, 40 + i * 22, 160 + 40 * (i % 10) + 50, 54 + i * 22), fill=(31, 119, 180))
    draw.text((16, 40 + i * 22), f"topic {i}", fill=(40, 40, 40), font=font)
for d in range(112):
    x, y = 160 + (d // 7) * 16, 330 + (d % 7) * 13
    draw.rectangle((x, y, x + 10, y + 10), fill=(46, 160, 67) if d % 3 else (230, 230, 230))
out = io.BytesIO()
image.save(out, format="PNG", optimize=True)
size = len(out.getvalue())
""",
    ),
    "matplotlib (Agg)": (
        "import matplotlib\nmatplotlib.use('Agg')\nimport matplotlib.pyplot as plt",
        """
import io
fig, (bars, cal) = plt.subplots(2, 1, figsize=(7.6, 6.4), dpi=100)
bars.barh([f"topic {i}" for i in range(12)], [40 * (i % 10) + 50 for i in range(12)], color="#1f77b4")
cal.imshow([[(d * 7 + r) % 3 != 0 for d in range(16)] for r in range(7)], cmap="Greens", aspect="equal")
out = io.BytesIO()
fig.savefig(out, format="png")
size = len(out.getvalue())
""",
    ),
}


def _run(imports: str, draw: str) -> dict[str, float]:
    code = _MEASURE.format(imports=imports, draw=draw)
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    result: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return result | {"process": time.perf_counter() - start}


def measure() -> dict[str, dict[str, float]]:
    figures: dict[str, dict[str, float]] = {}
    for name, (imports, draw) in CANDIDATES.items():
        try:
            runs = [_run(imports, draw) for _ in range(RUNS)]
        except subprocess.CalledProcessError:
            print(f"{name}: not installed (pip install pillow matplotlib to compare)")
            continue
        figures[name] = {
            k: statistics.median(r[k] for r in runs) for k in ("import", "draw", "rss_kb", "bytes", "process")
        }
    return figures


def main() -> None:
    figures = measure()
    base = figures.get("baseline (python -c pass)")
    print(f"median of {RUNS} fresh processes each; ratios to the bare interpreter measured here\n")
    print(f"{'candidate':28} {'whole process':>20} {'import':>10} {'draw':>10} {'peak RSS':>20} {'PNG':>9}")
    for name, f in figures.items():
        if base is None:
            break
        whole = f"{f['process'] * 1000:6.0f} ms ({f['process'] / base['process']:.2f}x)"
        imp = f"{f['import'] * 1000:7.1f} ms"
        rss = f"{f['rss_kb'] / 1024:6.1f} MB ({f['rss_kb'] / base['rss_kb']:.2f}x)"
        print(f"{name:28} {whole:>20} {imp:>10} {f['draw'] * 1000:7.1f} ms {rss:>20} {int(f['bytes']):>7} B")


if __name__ == "__main__":
    main()
