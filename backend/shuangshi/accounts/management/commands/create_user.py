from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from shuangshi.accounts.models import Role
from shuangshi.accounts.services import user_create
from shuangshi.schools.models import City, School
from shuangshi.training.models import TrainingBase


class Command(BaseCommand):
    help = "Create a user with a role and its scope (city code, school code or base code)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--role", required=True, choices=[r.value for r in Role])
        parser.add_argument("--password", help="Omit to create an account that cannot log in.")
        parser.add_argument("--city", help="City code (role city)")
        parser.add_argument("--school", help="School code (role school_hr)")
        parser.add_argument("--base", help="Training base code (role base_staff)")

    def handle(self, *args: Any, **opts: Any) -> None:
        scope: dict[str, Any] = {}
        try:
            if opts["city"]:
                scope["city"] = City.objects.get(code=opts["city"])
            if opts["school"]:
                scope["school"] = School.objects.get(code=opts["school"])
            if opts["base"]:
                scope["training_base"] = TrainingBase.objects.get(code=opts["base"])
        except (City.DoesNotExist, School.DoesNotExist, TrainingBase.DoesNotExist) as exc:
            raise CommandError(str(exc)) from None
        try:
            user = user_create(
                username=opts["username"], password=opts["password"], role=opts["role"], **scope
            )
        except ValidationError as exc:
            raise CommandError(
                "; ".join(f"{k}: {v}" for k, v in exc.message_dict.items())
            ) from None
        self.stdout.write(self.style.SUCCESS(f"Created {user.username} ({user.role})."))
