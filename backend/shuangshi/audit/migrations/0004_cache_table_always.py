"""The database cache table production uses, created whatever settings migrate.

0001 asked `createcachetable`, which creates only the tables of the caches the current
settings configure: a database first migrated under dev settings (in-memory cache) never
got `shuangshi_cache`, and production settings on it answered every request with a 500.
"""

from django.core.management.commands.createcachetable import Command as CreateCacheTable
from django.db import migrations

# The LOCATION of the database cache in config/settings/production.py.
TABLE = "shuangshi_cache"


def create_cache_table(apps, schema_editor):
    # Does nothing when the table is there already (created by 0001 under production settings).
    command = CreateCacheTable()
    command.verbosity = 0
    command.create_table(schema_editor.connection.alias, TABLE, dry_run=False)


class Migration(migrations.Migration):
    dependencies = [("audit", "0003_id_lookup_count")]

    operations = [migrations.RunPython(create_cache_table, migrations.RunPython.noop)]
