"""Usernames are one whatever their case ("Province" is "province"). The demo's and the
tests' accounts hold no such pair, so no rows need merging first; a database that holds one
fails here, naming the constraint: rename one of the pair (User admin or API) and migrate."""

import django.db.models.functions.text
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_teacher_expert_roles"),
    ]

    operations = [
        migrations.AddConstraint(
            model_name="user",
            constraint=models.UniqueConstraint(
                django.db.models.functions.text.Lower("username"),
                name="accounts_user_username_ci_unique",
            ),
        ),
    ]
