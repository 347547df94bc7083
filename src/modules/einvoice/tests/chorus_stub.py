#!/usr/bin/env python3
"""A local stand-in for Chorus Pro behind PISTE, following the published contract: OAuth2 client
credentials, then deposer/flux and consulterCR with the Bearer token and the cpro-account header.
Usage: chorus_stub.py DIR  -- listens on 127.0.0.1 (ephemeral port written to DIR/port), saves each
deposited file as DIR/deposit-N.bin and each request's JSON as DIR/deposit-N.json."""
import base64
import json
import os
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs

DIR = sys.argv[1]
CLIENT_ID, CLIENT_SECRET, TOKEN = "test-app", "s3cret", "stub-token"
ACCOUNT = base64.b64encode(b"tech@mairie.test:motdepasse").decode()
deposits = []
reports = {}


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def answer(self, status, body):
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def body(self):
        return self.rfile.read(int(self.headers.get("Content-Length", "0")))

    def do_POST(self):
        raw = self.body()
        if self.path == "/api/oauth/token":
            form = parse_qs(raw.decode())
            if form.get("grant_type") == ["client_credentials"] and form.get("client_id") == [CLIENT_ID] \
                    and form.get("client_secret") == [CLIENT_SECRET]:
                return self.answer(200, {"access_token": TOKEN, "token_type": "Bearer", "expires_in": 3600, "scope": "openid"})
            return self.answer(401, {"error": "invalid_client"})
        if self.headers.get("Authorization") != "Bearer " + TOKEN:
            return self.answer(401, {"error": "invalid_token"})
        if self.headers.get("cpro-account") != ACCOUNT:
            return self.answer(401, {"codeRetour": 20001, "libelle": "Compte technique inconnu"})
        try:
            req = json.loads(raw)
        except ValueError:
            return self.answer(400, {"codeRetour": 1, "libelle": "JSON invalide"})
        if self.path == "/cpro/factures/v1/deposer/flux":
            if req.get("syntaxeFlux") != "IN_DP_E2_CII_FACTURX" or not req.get("nomFichier"):
                return self.answer(400, {"codeRetour": 2, "libelle": "Paramètres manquants"})
            data = base64.b64decode(req.get("fichierFlux", ""))
            if not data.startswith(b"%PDF") or b"factur-x.xml" not in data:
                return self.answer(200, {"codeRetour": 3, "libelle": "Le fichier n'est pas un Factur-X"})
            deposits.append(req)
            n = len(deposits)
            with open(os.path.join(DIR, "deposit-%d.bin" % n), "wb") as f:
                f.write(data)
            flow = "FLUX-%06d" % n
            reports[flow] = 0
            return self.answer(200, {"codeRetour": 0, "libelle": "GCU_MSG_01_000", "numeroFluxDepot": flow,
                                     "dateDepot": "2026-11-26"})
        if self.path == "/cpro/transverses/v1/consulterCR":
            flow = req.get("numeroFluxDepot")
            if flow not in reports:
                return self.answer(200, {"codeRetour": 4, "libelle": "Flux inconnu"})
            reports[flow] += 1
            state = "IN_EN_COURS_TRAITEMENT" if reports[flow] == 1 else "IN_INTEGRE"
            return self.answer(200, {"codeRetour": 0, "libelle": "GCU_MSG_01_000", "numeroFluxDepot": flow,
                                     "etatCourantFlux": state})
        return self.answer(404, {"error": "not found"})


server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
with open(os.path.join(DIR, "port.tmp"), "w") as f:
    f.write(str(server.server_address[1]))
os.rename(os.path.join(DIR, "port.tmp"), os.path.join(DIR, "port"))
server.serve_forever()
