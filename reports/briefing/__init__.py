"""The Rakor briefing for the Sekda, one module per job, each importing only those below it:

- sentences: the Indonesian sentences, as the news states them;
- kendala, kinerja, peringatan: the paper's kendala, capaian kinerja and early-warning sections;
- data: what the paper shows (BriefingData, build_briefing);
- run: its HTML and PDF, and the background render of an issued version;
- issue: freezing a version for a Rakor and starting its render;
- jobs: the ad hoc PDF as a background job.
"""

from .data import BriefingData, build_briefing
from .issue import issue_briefing
from .run import (
    render_briefing_html,
    render_briefing_pdf,
    render_job,
    requeue_pending,
    start_render_job,
)

__all__ = [
    "BriefingData",
    "build_briefing",
    "issue_briefing",
    "render_briefing_html",
    "render_briefing_pdf",
    "render_job",
    "requeue_pending",
    "start_render_job",
]
