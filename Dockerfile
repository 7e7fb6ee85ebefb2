# Interdict: API, analyst pages and CLI in one image. Non-root, slim, with the bundled
# list snapshots; PostgreSQL by INTERDICT_DATABASE_URL (see compose.yaml).
FROM python:3.11-slim-bookworm AS build
# PyICU compiles against the system ICU: there is no binary wheel.
RUN apt-get update -qq && apt-get install -y -qq --no-install-recommends \
        libicu-dev pkg-config g++ && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY pyproject.toml constraints.txt README.md ./
COPY src ./src
RUN python -m venv /opt/interdict \
 && /opt/interdict/bin/pip install --no-cache-dir -c constraints.txt .

FROM python:3.11-slim-bookworm
RUN apt-get update -qq && apt-get install -y -qq --no-install-recommends libicu72 \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --create-home --home-dir /var/lib/interdict interdict
COPY --from=build /opt/interdict /opt/interdict
COPY data/lists /opt/interdict-data/lists
ENV PATH=/opt/interdict/bin:$PATH \
    INTERDICT_BUNDLED_LISTS_DIR=/opt/interdict-data/lists \
    INTERDICT_DATABASE_URL=sqlite:////var/lib/interdict/interdict.db \
    INTERDICT_MEDIA_INDEX_DIR=/var/lib/interdict/media-index \
    INTERDICT_DOWNLOAD_DIR=/var/lib/interdict/downloads
USER interdict
WORKDIR /var/lib/interdict
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s CMD python -c "import urllib.request,sys; sys.exit(urllib.request.urlopen('http://127.0.0.1:8000/readyz').status != 200)"
ENTRYPOINT ["interdict"]
CMD ["serve", "--host", "0.0.0.0", "--port", "8000"]
