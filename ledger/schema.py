"""The ledger's tables, as SQLAlchemy Core tables: what the code reads and writes.

The database itself is created and changed only by the Alembic migrations in `migrations/versions`;
these definitions must match the newest one (a test compares them). A plan of a date is kept per
revision: publishing a changed plan adds a revision and marks the one before as superseded, so the
history stays and reports read the current revision only.
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

metadata = MetaData()

meta = Table(
    "ledger_meta", metadata,
    Column("key", String(40), primary_key=True),
    Column("value", Text, nullable=False),
)
"""The ledger's own settings: the check value of the salt (`salt_check`); the salt is kept outside (`ledger.salt`)."""

people = Table(
    "people", metadata,
    Column("id", Integer, primary_key=True),
    Column("id_hash", String(64), nullable=False, unique=True),
    Column("id_masked", String(24), nullable=False),
    Column("name", String(100), nullable=False),
    Column("gender", String(8), nullable=False),
    Column("phone_masked", String(24), nullable=False),
)
"""One row per person, keyed by the salted hash of the ID number; the number itself is never stored."""

stations = Table(
    "stations", metadata,
    Column("station_id", String(64), primary_key=True),
    Column("name", String(200), nullable=False),
    Column("town", String(100), nullable=False),
    Column("lat", Float, nullable=False),
    Column("lon", Float, nullable=False),
)

sites = Table(
    "sites", metadata,
    Column("site_id", String(64), primary_key=True),
    Column("employer", String(200), nullable=False),
    Column("name", String(200), nullable=False),
    Column("lat", Float, nullable=False),
    Column("lon", Float, nullable=False),
    Column("town", String(100), nullable=False, server_default=""),
    Column("county", String(100), nullable=False, server_default=""),
)
"""`town` and `county` as the sites table gave them, or estimated (`ledger.places`)."""

plans = Table(
    "plans", metadata,
    Column("id", Integer, primary_key=True),
    Column("date", Date, nullable=False),
    Column("revision", Integer, nullable=False),
    Column("digest", String(64), nullable=False),
    Column("published_at", DateTime, nullable=False),
    Column("superseded_at", DateTime, nullable=True),
    Column("source", Text, nullable=False),
    Column("county", String(100), nullable=False, server_default=""),
    UniqueConstraint("date", "revision"),
)
"""A published plan of a date; the current one of each date has no `superseded_at`; `county` is the county
it was made for (the home of the scopes)."""

buses = Table(
    "buses", metadata,
    Column("plan_id", ForeignKey("plans.id", ondelete="CASCADE"), primary_key=True),
    Column("vehicle_id", String(64), primary_key=True),
    Column("plate", String(40), nullable=False),
    Column("seats", Integer, nullable=False),
    Column("driver", String(100), nullable=False),
    Column("driver_phone_masked", String(24), nullable=False),
)

runs = Table(
    "runs", metadata,
    Column("id", Integer, primary_key=True),
    Column("plan_id", ForeignKey("plans.id", ondelete="CASCADE"), nullable=False),
    Column("vehicle_id", String(64), nullable=False),
    Column("trip", String(10), nullable=False),
    Column("departure", String(5), nullable=False),
    Column("distance_km", Float, nullable=False),
    Column("duration_min", Float, nullable=False),
    UniqueConstraint("plan_id", "vehicle_id", "trip"),
)
"""车次: one bus on one trip of a published plan."""

orders = Table(
    "orders", metadata,
    Column("plan_id", ForeignKey("plans.id", ondelete="CASCADE"), primary_key=True),
    Column("order_id", String(64), primary_key=True),
    Column("site_id", String(64), nullable=False),
    Column("skill", String(100), nullable=False),
    Column("requested", Integer, nullable=False),
    Column("sent", Integer, nullable=False),
)

applicants = Table(
    "applicants", metadata,
    Column("plan_id", ForeignKey("plans.id", ondelete="CASCADE"), primary_key=True),
    Column("application_id", String(64), primary_key=True),
    Column("person_id", ForeignKey("people.id"), nullable=True),
    Column("station_id", String(64), nullable=True),
    Column("team", String(100), nullable=True),
    Column("priority", Boolean, nullable=False),
    Column("order_id", String(64), nullable=True),
    Column("site_id", String(64), nullable=True),
    Column("reason", String(40), nullable=True),
    Column("detail", Text, nullable=True),
)
"""Every application available on the plan's date: placed (order, site) or not (reason, detail).
`person_id` is empty for an application row set aside as invalid."""

rides = Table(
    "rides", metadata,
    Column("run_id", ForeignKey("runs.id", ondelete="CASCADE"), primary_key=True),
    Column("application_id", String(64), primary_key=True),
)
"""Who the plan puts on which run."""

signins = Table(
    "signins", metadata,
    Column("id", Integer, primary_key=True),
    Column("plan_id", ForeignKey("plans.id", ondelete="CASCADE"), nullable=False),
    Column("digest", String(64), nullable=False),
    Column("recorded_at", DateTime, nullable=False),
    Column("source", Text, nullable=False),
)
"""A sign-in sheet read for a plan; the latest of a plan is the one that counts."""

boardings = Table(
    "boardings", metadata,
    Column("signin_id", ForeignKey("signins.id", ondelete="CASCADE"), primary_key=True),
    Column("run_id", ForeignKey("runs.id", ondelete="CASCADE"), primary_key=True),
    Column("application_id", String(64), primary_key=True),
    Column("boarded", Boolean, nullable=True),
    Column("reason", Text, nullable=False),
    Column("walk_on", Boolean, nullable=False),
)
"""One row of a sign-in sheet: boarded yes, no, or not recorded (NULL); walk-ons were not on the plan."""
