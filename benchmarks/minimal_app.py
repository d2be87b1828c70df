"""The baseline: the smallest Flask app that serves a page, under the same gunicorn settings."""

from flask import Flask

app = Flask(__name__)

PAGE = (
    "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>Minimal</title></head>"
    "<body><h1>Minimal Flask page</h1></body></html>"
)


@app.get("/")
def index() -> str:
    return PAGE
