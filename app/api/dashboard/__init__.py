"""The dashboard: the `/` page, the troop-level chart as SVG and the `/read` citation page.

Served by the app itself (no CDN, no build step): HTML from small templates,
one stylesheet and one vanilla script under `/static`, and one chart
implementation (`chart.py`) used both inline in the page and at
`/timelines/troop-levels.svg`.
"""
