#include "modules/einvoice/chorus/chorus_client.hpp"

#include <curl/curl.h>
#include <openssl/evp.h>

#include <memory>
#include <nlohmann/json.hpp>

namespace comptoir::einvoice::chorus {
namespace {

using nlohmann::json;

constexpr const char* kSyntax = "IN_DP_E2_CII_FACTURX";

std::string b64(const std::string& bytes) {
    std::string out(4 * ((bytes.size() + 2) / 3), '\0');
    int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()), reinterpret_cast<const unsigned char*>(bytes.data()),
                            static_cast<int>(bytes.size()));
    out.resize(static_cast<std::size_t>(n));
    return out;
}

std::size_t collect(char* data, std::size_t size, std::size_t n, void* out) {
    auto* s = static_cast<std::string*>(out);
    if (s->size() + size * n > (8u << 20)) return 0;  // an answer over 8 MB is not one
    s->append(data, size * n);
    return size * n;
}

Error error(const std::string& code, const std::string& fr, const std::string& en) { return Error::conflict(code, fr, en); }

struct Http {
    long status = 0;
    std::string body;
};

Result<Http> post(const std::string& url, const std::string& body, const std::vector<std::string>& headers) {
    std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl(curl_easy_init(), curl_easy_cleanup);
    if (!curl) return fail(Error::internal("curl"));
    Http out;
    curl_slist* list = nullptr;
    for (const auto& h : headers) list = curl_slist_append(list, h.c_str());
    curl_easy_setopt(curl.get(), CURLOPT_URL, url.c_str());
    curl_easy_setopt(curl.get(), CURLOPT_POST, 1L);
    curl_easy_setopt(curl.get(), CURLOPT_POSTFIELDS, body.data());
    curl_easy_setopt(curl.get(), CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body.size()));
    curl_easy_setopt(curl.get(), CURLOPT_HTTPHEADER, list);
    curl_easy_setopt(curl.get(), CURLOPT_WRITEFUNCTION, collect);
    curl_easy_setopt(curl.get(), CURLOPT_WRITEDATA, &out.body);
    curl_easy_setopt(curl.get(), CURLOPT_TIMEOUT, 30L);
    curl_easy_setopt(curl.get(), CURLOPT_CONNECTTIMEOUT, 10L);
    curl_easy_setopt(curl.get(), CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl.get(), CURLOPT_PROTOCOLS_STR, "https,http");
    const CURLcode rc = curl_easy_perform(curl.get());
    curl_slist_free_all(list);
    if (rc != CURLE_OK)
        return fail(error("chorus.unreachable", std::string("Chorus Pro est injoignable : ") + curl_easy_strerror(rc) + ".",
                          std::string("Chorus Pro cannot be reached: ") + curl_easy_strerror(rc) + "."));
    curl_easy_getinfo(curl.get(), CURLINFO_RESPONSE_CODE, &out.status);
    return out;
}

std::string form_escape(const std::string& s) {
    std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl(curl_easy_init(), curl_easy_cleanup);
    char* e = curl_easy_escape(curl.get(), s.c_str(), static_cast<int>(s.size()));
    std::string out = e ? e : "";
    curl_free(e);
    return out;
}

Result<std::string> token(const Credentials& c) {
    TRY_RESULT(r, post(c.token_url,
                       "grant_type=client_credentials&client_id=" + form_escape(c.client_id) +
                           "&client_secret=" + form_escape(c.client_secret) + "&scope=openid",
                       {"Content-Type: application/x-www-form-urlencoded", "Accept: application/json"}));
    auto j = json::parse(r.body, nullptr, false);
    if (r.status != 200 || !j.is_object() || !j.contains("access_token") || !j["access_token"].is_string())
        return fail(error("chorus.auth", "PISTE refuse les identifiants de l'application (client_id / client_secret).",
                          "PISTE refused the application credentials (client_id / client_secret)."));
    return j["access_token"].get<std::string>();
}

Result<json> call(const Credentials& c, const std::string& path, const json& body) {
    TRY_RESULT(bearer, token(c));
    TRY_RESULT(r, post(c.api_url + path, body.dump(),
                       {"Content-Type: application/json;charset=utf-8", "Accept: application/json",
                        "Authorization: Bearer " + bearer, "cpro-account: " + b64(c.login + ":" + c.password)}));
    auto j = json::parse(r.body, nullptr, false);
    if (!j.is_object())
        return fail(error("chorus.bad_answer", "Chorus Pro a répondu de façon inattendue (HTTP " + std::to_string(r.status) + ").",
                          "Chorus Pro gave an unexpected answer (HTTP " + std::to_string(r.status) + ")."));
    const int code = j.contains("codeRetour") && j["codeRetour"].is_number_integer() ? j["codeRetour"].get<int>() : -1;
    if (r.status != 200 || code != 0) {
        const std::string label = j.contains("libelle") && j["libelle"].is_string() ? j["libelle"].get<std::string>() : "";
        return fail(error("chorus.refused", "Chorus Pro refuse la demande : " + (label.empty() ? "HTTP " + std::to_string(r.status) : label) + ".",
                          "Chorus Pro refused the request: " + (label.empty() ? "HTTP " + std::to_string(r.status) : label) + "."));
    }
    return j;
}

std::string str(const json& j, const char* key) { return j.contains(key) && j[key].is_string() ? j[key].get<std::string>() : ""; }

}  // namespace

Result<Deposit> deposit(const Credentials& c, const std::string& file, const std::string& file_name) {
    TRY_RESULT(j, call(c, "/cpro/factures/v1/deposer/flux",
                       {{"fichierFlux", b64(file)}, {"nomFichier", file_name}, {"syntaxeFlux", kSyntax}, {"avecSignature", false}}));
    Deposit d{str(j, "numeroFluxDepot"), str(j, "dateDepot"), str(j, "libelle")};
    if (d.flow_number.empty())
        return fail(error("chorus.bad_answer", "Chorus Pro n'a pas donné de numéro de dépôt.", "Chorus Pro gave no flow number."));
    return d;
}

Result<Report> report(const Credentials& c, const std::string& flow_number) {
    TRY_RESULT(j, call(c, "/cpro/transverses/v1/consulterCR", {{"numeroFluxDepot", flow_number}, {"syntaxeFlux", kSyntax}}));
    Report r{str(j, "etatCourantFlux"), str(j, "libelle")};
    if (j.contains("listeErreurDP") && j["listeErreurDP"].is_array())
        for (const auto& e : j["listeErreurDP"])
            if (e.is_object()) r.message += (r.message.empty() ? "" : " ; ") + str(e, "libelleErreurDP");
    return r;
}

std::string status_of(const std::string& state) {
    if (state == "IN_INTEGRE" || state == "IN_INTEGRE_PARTIEL") return "integrated";
    if (state == "IN_REJETE" || state == "IN_INCIDENTE") return "rejected";
    return "pending";
}

}  // namespace comptoir::einvoice::chorus
