"""The field categories' labels are their English names, translated for zh-hans (the API
values 41–59 are unchanged; the sheets keep the official Chinese names). Choices only: no
change to the database."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("teachers", "0007_school_teacher_counts"),
    ]

    operations = [
        migrations.AlterField(
            model_name="certificate",
            name="field_category",
            field=models.CharField(
                blank=True,
                choices=[
                    ("41", "Agriculture, Forestry, Animal Husbandry and Fishery"),
                    ("42", "Resources, Environment and Safety"),
                    ("43", "Energy, Power and Materials"),
                    ("44", "Civil Engineering and Architecture"),
                    ("45", "Water Conservancy"),
                    ("46", "Equipment Manufacturing"),
                    ("47", "Biology and Chemical Engineering"),
                    ("48", "Light Industry and Textiles"),
                    ("49", "Food, Drugs and Grain"),
                    ("50", "Transportation"),
                    ("51", "Electronics and Information"),
                    ("52", "Medicine and Health"),
                    ("53", "Finance, Economics and Commerce"),
                    ("54", "Tourism"),
                    ("55", "Culture and Art"),
                    ("56", "Journalism and Communication"),
                    ("57", "Education and Sports"),
                    ("58", "Public Security and Judicial Affairs"),
                    ("59", "Public Administration and Services"),
                ],
                max_length=2,
                null=True,
                verbose_name="field category",
            ),
        ),
        migrations.AlterField(
            model_name="teacher",
            name="major_category",
            field=models.CharField(
                blank=True,
                choices=[
                    ("41", "Agriculture, Forestry, Animal Husbandry and Fishery"),
                    ("42", "Resources, Environment and Safety"),
                    ("43", "Energy, Power and Materials"),
                    ("44", "Civil Engineering and Architecture"),
                    ("45", "Water Conservancy"),
                    ("46", "Equipment Manufacturing"),
                    ("47", "Biology and Chemical Engineering"),
                    ("48", "Light Industry and Textiles"),
                    ("49", "Food, Drugs and Grain"),
                    ("50", "Transportation"),
                    ("51", "Electronics and Information"),
                    ("52", "Medicine and Health"),
                    ("53", "Finance, Economics and Commerce"),
                    ("54", "Tourism"),
                    ("55", "Culture and Art"),
                    ("56", "Journalism and Communication"),
                    ("57", "Education and Sports"),
                    ("58", "Public Security and Judicial Affairs"),
                    ("59", "Public Administration and Services"),
                ],
                max_length=2,
                null=True,
                verbose_name="major category",
            ),
        ),
    ]
