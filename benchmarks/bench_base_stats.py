"""Training-base statistics at national size: GET training-bases/stats/ for the province
(every base) and for one base's staff, p50 of a few calls over HTTP from gunicorn with
production settings, beside the raw GROUP BY school over the teachers measured in the same
run.

"Teachers qualified through a base" is a counterfactual (each teacher who passed there,
evaluated again without that base's completions), so this is the heaviest read a person can
ask for. No target in the issues; a figure to watch (docs/serving.md).
Run: DATABASE_URL=postgres://… BENCH_TEACHERS=… BENCH_SCHOOLS=… \
    .venv/bin/python benchmarks/bench_base_stats.py
"""

import logging
import os

import httpx
from _country import baseline_group_by, ensure_country, p50, say
from bench_load import free_port, start_server, stop_server
from shuangshi.accounts.models import Role, User
from shuangshi.accounts.services import token_issue
from shuangshi.training.models import TrainingBase, TrainingCompletion


def main() -> None:
    schools, teachers = ensure_country()
    base = TrainingBase.objects.order_by("id").first()
    if base is None:
        raise SystemExit("the generated country has no training bases")
    province, _ = User.objects.get_or_create(
        username="bench_base_stats_province", defaults={"role": Role.PROVINCE}
    )
    staff, _ = User.objects.get_or_create(
        username="bench_base_stats_staff",
        defaults={"role": Role.BASE_STAFF, "training_base": base},
    )

    logging.getLogger("httpx").setLevel(logging.WARNING)
    tokens = {user.pk: token_issue(user=user) for user in (province, staff)}
    port = free_port()
    server = start_server(os.environ["DATABASE_URL"], port)
    client = httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=600)

    def get(user: User) -> None:
        response = client.get(
            "/api/v1/training-bases/stats/",
            headers={"Authorization": f"Token {tokens[user.pk]}"},
        )
        assert response.status_code == 200, response.text[:300]

    completions = TrainingCompletion.objects.count()
    at_base = TrainingCompletion.objects.filter(program__base=base).count()
    try:
        baseline = p50(baseline_group_by)
        everyone = p50(lambda: get(province), runs=3, warmup=1)
        one = p50(lambda: get(staff), runs=5, warmup=1)
    finally:
        client.close()
        stop_server(server)
    say(f"size: {schools:,} schools, {teachers:,} teachers, {completions:,} completions")
    say(f"baseline GROUP BY school over teachers    p50 {baseline * 1000:8.1f} ms")
    say(
        f"training-bases/stats/ (province, {TrainingBase.objects.count()} bases) "
        f"p50 {everyone * 1000:8.1f} ms  {everyone / baseline:.1f}x baseline"
    )
    say(
        f"training-bases/stats/ (one base's staff, {at_base:,} completions) "
        f"p50 {one * 1000:8.1f} ms  {one / baseline:.1f}x baseline"
    )


if __name__ == "__main__":
    main()
