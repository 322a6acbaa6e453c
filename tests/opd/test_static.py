import pytest


@pytest.mark.django_db
def test_stylesheet_is_served_by_the_app_itself_with_debug_off(client, settings):
    # The test settings run with DEBUG off, as production does: WhiteNoise serves static files
    # without a separate web server.
    assert settings.DEBUG is False
    response = client.get("/static/css/rakor.css")
    assert response.status_code == 200
    body = b"".join(response.streaming_content) if response.streaming else response.content
    assert b"--brand" in body
