# syntax=docker/dockerfile:1
# Build: docker build -t cairn .      Run: see compose.yaml (PostgreSQL) or README.

FROM node:20-slim AS spa
WORKDIR /build/frontend
COPY frontend/package.json frontend/package-lock.json ./
RUN PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm install --no-audit --no-fund
COPY frontend/ ./
RUN npm run build

FROM python:3.11-slim AS runtime
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1 \
    CAIRN_ENV=production
WORKDIR /app
RUN useradd --create-home --uid 10001 cairn
COPY pyproject.toml README.md alembic.ini ./
COPY api/ api/
COPY migrations/ migrations/
RUN pip install -e .
COPY --from=spa /build/frontend/dist frontend/dist
USER cairn
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=3s CMD python -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/readyz')"
CMD ["cairn", "serve", "--host", "0.0.0.0", "--port", "8000"]
