#include "http/web_server.hpp"

#include <httplib.h>

#include <algorithm>
#include <iostream>

#include "core/crypto.hpp"
#include "http/assets.hpp"
#include "http/problem.hpp"

namespace comptoir::http {
namespace {

std::string_view content_type_for(std::string_view path) {
    if (path.ends_with(".css")) return "text/css; charset=utf-8";
    if (path.ends_with(".js")) return "text/javascript; charset=utf-8";
    if (path.ends_with(".svg")) return "image/svg+xml";
    if (path.ends_with(".png")) return "image/png";
    if (path.ends_with(".ico")) return "image/x-icon";
    if (path.ends_with(".woff2")) return "font/woff2";
    return "application/octet-stream";
}

std::string escape_html(std::string_view s) {
    std::string out;
    for (char c : s) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\'': out += "&#39;"; break;
            default: out.push_back(c);
        }
    }
    return out;
}

void log_exception(const httplib::Request& req, const std::exception* e) {
    // Only the method, path and exception text: never bodies, headers or query strings, which may
    // carry passwords, tokens or personal data.
    std::cerr << "error: " << req.method << " " << req.path << ": " << (e ? e->what() : "unknown exception") << "\n";
}

}  // namespace

// ---- RequestBase ----

std::string RequestBase::param(const std::string& name) const {
    return req_.has_param(name.c_str()) ? req_.get_param_value(name.c_str()) : std::string();
}

std::vector<std::string> RequestBase::params(const std::string& name) const {
    std::vector<std::string> out;
    auto range = req_.params.equal_range(name);
    for (auto it = range.first; it != range.second; ++it) out.push_back(it->second);
    return out;
}

bool RequestBase::has_param(const std::string& name) const { return req_.has_param(name.c_str()); }

std::string RequestBase::path_arg(std::size_t index) const {
    return index < req_.matches.size() ? std::string(req_.matches[index]) : std::string();
}

std::optional<std::int64_t> RequestBase::path_id(std::size_t index) const {
    auto s = path_arg(index);
    if (s.empty() || s.size() > 18 || !std::all_of(s.begin(), s.end(), ::isdigit)) return std::nullopt;
    return std::stoll(s);
}

std::string RequestBase::header(const std::string& name) const { return req_.get_header_value(name.c_str()); }
namespace {
// Set once by the WebServer from its options, before it serves: RequestBase stays a thin view of
// the request, and every context (page, API, public) reads the same list.
std::vector<std::string> g_trusted_proxies;

bool trusted(const std::string& address) {
    return std::find(g_trusted_proxies.begin(), g_trusted_proxies.end(), address) != g_trusted_proxies.end();
}
}  // namespace

std::string RequestBase::client_ip() const {
    if (!trusted(req_.remote_addr)) return req_.remote_addr;
    // "client, proxy1, proxy2": read from the right, skipping our own proxies. Anything a client
    // wrote itself sits further left and is never reached while a trusted hop precedes it.
    std::string forwarded = req_.get_header_value("X-Forwarded-For");
    std::vector<std::string> hops;
    std::size_t start = 0;
    while (start <= forwarded.size()) {
        auto comma = forwarded.find(',', start);
        std::string hop = forwarded.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
        hop.erase(0, hop.find_first_not_of(' '));
        hop.erase(hop.find_last_not_of(' ') + 1);
        if (!hop.empty() && hop.size() <= 45) hops.push_back(hop);
        if (comma == std::string::npos) break;
        start = comma + 1;
    }
    for (auto it = hops.rbegin(); it != hops.rend(); ++it)
        if (!trusted(*it)) return *it;
    return req_.remote_addr;
}
void RequestBase::set_response_header(const std::string& name, const std::string& value) { res_.set_header(name, value); }

// ---- PageContext ----

bool PageContext::is_htmx() const { return req_.get_header_value("HX-Request") == "true"; }

std::string PageContext::t(const std::string& key) const { return server_.renderer().translate(key, locale()); }

std::string PageContext::message(const Error& error) const {
    return locale() == "en" ? error.message_en : error.message_fr;
}

nlohmann::json PageContext::field_errors(const Error& error) const {
    nlohmann::json out = nlohmann::json::object();
    for (const auto& f : error.fields) {
        const auto& msg = locale() == "en" ? f.message_en : f.message_fr;
        if (out.contains(f.field)) out[f.field] = out[f.field].get<std::string>() + " " + msg;
        else out[f.field] = msg;
    }
    return out;
}

void PageContext::render_page(const std::string& tmpl, nlohmann::json data, const std::string& title,
                              const std::string& nav_key, int status) {
    const auto& renderer = server_.renderer();
    data["csrf_token"] = csrf_token();
    data["me"] = {{"name", actor().name}, {"email", actor().email}, {"is_admin", actor().is_admin()},
                  {"role", std::string(role_label(actor().role, locale()))}};
    std::string content = renderer.render(tmpl, data, locale());
    nlohmann::json nav = nlohmann::json::array();
    for (const auto& item : server_.nav()) {
        if (item.admin_only && !actor().is_admin()) continue;
        nav.push_back({{"href", item.href}, {"label", t(item.label_key)}, {"icon", item.icon},
                       {"active", item.key == nav_key}});
    }
    nlohmann::json layout = {{"title", title}, {"content", content}, {"nav", nav}, {"csrf_token", csrf_token()},
                             {"me", data["me"]}, {"lang", locale()}};
    res_.status = status;
    res_.set_content(renderer.render("layout/page", layout, locale()), "text/html; charset=utf-8");
}

void PageContext::render_fragment(const std::string& tmpl, const nlohmann::json& data, int status) {
    nlohmann::json d = data;
    d["csrf_token"] = csrf_token();
    res_.status = status;
    res_.set_content(server_.renderer().render(tmpl, d, locale()), "text/html; charset=utf-8");
}

void PageContext::redirect(const std::string& to) {
    if (is_htmx()) {
        res_.set_header("HX-Redirect", to);
        res_.status = 200;
    } else {
        res_.set_redirect(to, 303);
    }
}

void PageContext::error_page(const Error& error) {
    render_page("layout/error", {{"message", message(error)}, {"status", status_for(error.kind)}}, t("error.title"), "",
                status_for(error.kind));
}

// ---- ApiContext ----

Result<nlohmann::json> ApiContext::body() const {
    auto parsed = nlohmann::json::parse(req_.body, nullptr, false);
    if (parsed.is_discarded())
        return fail(Error::invalid_field("", "json.malformed", "Le corps de la requête n'est pas un JSON valide.",
                                         "The request body is not valid JSON."));
    if (!parsed.is_object())
        return fail(Error::invalid_field("", "json.not_object", "Le corps de la requête doit être un objet JSON.",
                                         "The request body must be a JSON object."));
    return parsed;
}

void ApiContext::send(const nlohmann::json& body, int status) {
    res_.status = status;
    res_.set_content(body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace), "application/json");
}

void ApiContext::problem(const Error& error) {
    res_.status = status_for(error.kind);
    res_.set_content(problem_json(error).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace),
                     "application/problem+json");
}

void ApiContext::no_content() { res_.status = 204; }

// ---- WebServer ----

WebServer::WebServer(ServerOptions options, Authenticator& auth)
    : options_(std::move(options)), auth_(auth), server_(std::make_unique<httplib::Server>()) {
    g_trusted_proxies = options_.trusted_proxies;
    configure();
}

WebServer::~WebServer() = default;

void WebServer::configure() {
    auto& s = *server_;
    // Without TCP_NODELAY every keep-alive response waits on a delayed ACK (~40 ms).
    s.set_tcp_nodelay(true);
    int threads = options_.threads;
    s.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
    s.set_keep_alive_max_count(1000);
    s.set_keep_alive_timeout(10);
    s.set_payload_max_length(options_.max_body_bytes);
    s.set_read_timeout(30);

    s.set_post_routing_handler([](const httplib::Request&, httplib::Response& res) {
        res.set_header("X-Content-Type-Options", "nosniff");
        res.set_header("X-Frame-Options", "DENY");
        res.set_header("Referrer-Policy", "same-origin");
        res.set_header("Content-Security-Policy",
                       "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
                       "form-action 'self'; frame-ancestors 'none'");
    });
    s.set_exception_handler([](const httplib::Request& req, httplib::Response& res, std::exception_ptr ep) {
        try {
            std::rethrow_exception(ep);
        } catch (const std::exception& e) {
            log_exception(req, &e);
        } catch (...) {
            log_exception(req, nullptr);
        }
        Error error = Error::internal("internal");
        res.status = 500;
        if (req.path.starts_with("/api/"))
            res.set_content(problem_json(error).dump(), "application/problem+json");
        else
            res.set_content("<!doctype html><meta charset=utf-8><title>Erreur</title><p>" + escape_html(error.message_fr) +
                                "</p><p><a href=\"/\">Retour</a></p>",
                            "text/html; charset=utf-8");
    });
    const std::string max_mb = std::to_string(options_.max_body_bytes / (1024 * 1024));
    s.set_error_handler([max_mb](const httplib::Request& req, httplib::Response& res) {
        if (!res.body.empty()) return;
        if (req.path.starts_with("/api/")) {
            Error error = res.status == 404 ? Error::not_found("Ressource introuvable.", "Resource not found.")
                                            : Error::internal("http_" + std::to_string(res.status));
            int status = res.status;
            auto body = problem_json(error);
            // Refused by the HTTP layer before any handler (no length, too large, bad method…): the
            // client's mistake, said as such, with the status it really gets.
            if (status >= 400 && status < 500 && status != 404) {
                const std::string code = std::to_string(status);
                body["code"] = "request.http_" + code;
                body["title"] = "The request could not be read.";
                body["detail"] = "The request could not be read (HTTP " + code + ").";
                body["detail_fr"] = "La requête n'a pas pu être lue (HTTP " + code + ").";
            }
            if (status == 413) {
                body["code"] = "request.too_large";
                body["title"] = body["detail"] = "The request is larger than the " + max_mb + " MB accepted.";
                body["detail_fr"] = "La requête dépasse la taille maximale acceptée (" + max_mb + " Mo).";
            }
            body["status"] = status;
            res.set_content(body.dump(), "application/problem+json");
            res.status = status;
        } else if (res.status == 413) {
            res.set_content(
                "<!doctype html><html lang=fr><meta charset=utf-8><link rel=stylesheet href=/static/app.css>"
                "<title>Fichier trop volumineux</title><main class=\"auth-page\"><div class=card><h1>Fichier trop "
                "volumineux</h1><p>L'envoi dépasse la taille maximale acceptée (" + max_mb + " Mo). Découpez le fichier "
                "en plusieurs parties.</p><p><a class=\"btn btn-primary\" href=\"/\">Retour à "
                "l'accueil</a></p></div></main>",
                "text/html; charset=utf-8");
        } else if (res.status == 404) {
            res.set_content(
                "<!doctype html><html lang=fr><meta charset=utf-8><link rel=stylesheet href=/static/app.css>"
                "<title>Page introuvable</title><main class=\"auth-page\"><div class=card><h1>Page introuvable</h1>"
                "<p>Cette adresse ne correspond à aucune page.</p><p><a class=\"btn btn-primary\" href=\"/\">Retour à "
                "l'accueil</a></p></div></main>",
                "text/html; charset=utf-8");
        }
    });

    s.Get("/api/v1/openapi.json", [](const httplib::Request&, httplib::Response& res) {
        res.set_header("Cache-Control", "no-cache");
        res.set_content(openapi_document().dump(2), "application/json");
    });

    s.Get(R"(/static/(.+))", [](const httplib::Request& req, httplib::Response& res) {
        std::string name = "static/" + std::string(req.matches[1]);
        auto asset = find_asset(name);
        if (!asset) {
            res.status = 404;
            return;
        }
        res.set_header("Cache-Control", "public, max-age=3600");
        res.set_content(std::string(*asset), std::string(content_type_for(name)));
    });
}

void WebServer::route(Method method, const std::string& pattern,
                      std::function<void(const httplib::Request&, httplib::Response&)> handler) {
    auto& s = *server_;
    switch (method) {
        case Method::Get: s.Get(pattern, std::move(handler)); break;
        case Method::Post: s.Post(pattern, std::move(handler)); break;
        case Method::Put: s.Put(pattern, std::move(handler)); break;
        case Method::Patch: s.Patch(pattern, std::move(handler)); break;
        case Method::Delete: s.Delete(pattern, std::move(handler)); break;
    }
}

void WebServer::page(Method method, const std::string& pattern, PageHandler handler) {
    route(method, pattern, [this, method, handler = std::move(handler)](const httplib::Request& req, httplib::Response& res) {
        auto token = cookie(req, kSessionCookie);
        auto session = token.empty() ? std::nullopt : auth_.session(token);
        if (!session) {
            std::string next = req.method == "GET" ? req.path : "/";
            std::string to = "/login?next=" + httplib::detail::encode_query_param(next);
            if (req.get_header_value("HX-Request") == "true") {
                res.set_header("HX-Redirect", to);
            } else {
                res.set_redirect(to, 303);
            }
            return;
        }
        if (method != Method::Get) {
            // Every state-changing page request carries the session's CSRF token, as a form field
            // (plain forms) or a header (htmx, set once in the layout).
            std::string sent = req.has_param("_csrf")  ? req.get_param_value("_csrf")
                               : req.has_file("_csrf") ? req.get_file_value("_csrf").content  // multipart forms (uploads)
                                                       : req.get_header_value("X-CSRF-Token");
            if (sent.empty() || !constant_time_equal(sent, session->csrf_token)) {
                res.status = 403;
                res.set_content(
                    "<!doctype html><meta charset=utf-8><title>403</title><p>Le jeton de sécurité du formulaire est "
                    "absent ou expiré. Rechargez la page puis recommencez.</p>",
                    "text/html; charset=utf-8");
                return;
            }
        }
        PageContext ctx(req, res, *this, std::move(*session));
        handler(ctx);
    });
}

void WebServer::api(Method method, const std::string& pattern, ApiHandler handler) {
    static const char* kNames[] = {"GET", "POST", "PUT", "PATCH", "DELETE"};
    api_routes_.emplace_back(kNames[static_cast<int>(method)], pattern);
    route(method, pattern, [this, handler = std::move(handler)](const httplib::Request& req, httplib::Response& res) {
        auto authorization = req.get_header_value("Authorization");
        std::optional<Actor> actor;
        if (authorization.size() > 7 && authorization.compare(0, 7, "Bearer ") == 0)
            actor = auth_.bearer(authorization.substr(7));
        if (!actor) {
            res.set_header("WWW-Authenticate", "Bearer");
            ApiContext ctx(req, res, Actor{});
            ctx.problem(Error{ErrorKind::Unauthorized, "unauthorized", "Jeton d'API absent, invalide ou révoqué.",
                              "Missing, invalid or revoked API token.", {}, {}});
            return;
        }
        ApiContext ctx(req, res, std::move(*actor));
        handler(ctx);
    });
}

void WebServer::public_route(Method method, const std::string& pattern, PublicHandler handler) {
    route(method, pattern, [handler = std::move(handler)](const httplib::Request& req, httplib::Response& res) {
        RequestBase ctx(req, res);
        handler(ctx);
    });
}

void WebServer::add_nav(NavItem item) {
    nav_.push_back(std::move(item));
    std::stable_sort(nav_.begin(), nav_.end(), [](const NavItem& a, const NavItem& b) { return a.order < b.order; });
}

void WebServer::set_cookie(httplib::Response& res, const std::string& name, const std::string& value,
                           int max_age_seconds) const {
    std::string c = name + "=" + value + "; Path=/; HttpOnly; SameSite=Lax; Max-Age=" + std::to_string(max_age_seconds);
    if (options_.secure_cookies) c += "; Secure";
    res.set_header("Set-Cookie", c);
}

std::string WebServer::cookie(const httplib::Request& req, const std::string& name) {
    auto header = req.get_header_value("Cookie");
    std::string_view rest = header;
    while (!rest.empty()) {
        auto semi = rest.find(';');
        std::string_view part = rest.substr(0, semi);
        while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
        if (part.size() > name.size() && part.substr(0, name.size()) == name && part[name.size()] == '=')
            return std::string(part.substr(name.size() + 1));
        if (semi == std::string_view::npos) break;
        rest.remove_prefix(semi + 1);
    }
    return {};
}

nlohmann::json WebServer::openapi_document() {
    nlohmann::json doc = nlohmann::json::parse(find_asset("openapi/base.json").value_or("{}"));
    for (const auto& [name, content] : embedded_assets()) {
        if (!name.starts_with("openapi/") || name == "openapi/base.json") continue;
        auto part = nlohmann::json::parse(content);
        for (auto it = part["paths"].begin(); it != part["paths"].end(); ++it) doc["paths"][it.key()] = it.value();
        for (auto kind = part["components"].begin(); kind != part["components"].end(); ++kind)
            for (auto it = kind.value().begin(); it != kind.value().end(); ++it)
                doc["components"][kind.key()][it.key()] = it.value();
        if (part.contains("tags"))
            for (const auto& tag : part["tags"]) doc["tags"].push_back(tag);
    }
    return doc;
}

bool WebServer::listen() { return server_->listen(options_.host, options_.port); }
int WebServer::bind_any_port() { return server_->bind_to_any_port(options_.host); }
void WebServer::listen_after_bind() { server_->listen_after_bind(); }
void WebServer::stop() { server_->stop(); }

}  // namespace comptoir::http
