"""Measure extraction against gold annotations: quotes, entities and troop levels.

`run.evaluate` streams a gold JSONL file through the extractor and scores it with the
task modules (`quotes`, `entities`, `troop_levels`); `report` shapes the figures for JSON
and for the terminal. Nothing here touches the database.
"""
