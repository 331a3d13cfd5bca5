"""The one `MetaData` every table module declares its tables on (`Database.create_schema` creates them)."""

from __future__ import annotations

from sqlalchemy import MetaData

metadata = MetaData()
