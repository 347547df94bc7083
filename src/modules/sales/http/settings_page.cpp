// /admin/documents: how documents are numbered (one pattern per series, with the number the next
// document would get), whether credit notes share the invoices' series, and the VAT-on-debits
// option printed on invoices. Admins only; the same settings as GET/PUT /api/v1/sales/settings.
#include "modules/sales/http/page_support.hpp"
#include "modules/sales/http/pages_internal.hpp"
#include "modules/sales/domain/numbering.hpp"

namespace comptoir::sales::pages {
namespace {

using http::Method;
using http::PageContext;

void render_settings(PageContext& ctx, const PageDeps& deps, const SalesSettings* typed, const Error* failure, int status) {
    auto stored = deps.documents.settings(ctx.actor());
    if (!stored) return ctx.error_page(stored.error());
    const SalesSettings& shown = typed ? *typed : *stored;
    json errors = json::object();
    if (failure)
        for (const auto& f : failure->fields) errors[f.field] = ctx.locale() == "en" ? f.message_en : f.message_fr;
    json rows = json::array();
    for (const auto& s : stored->series) {
        const std::string code(to_code(s.series));
        std::string pattern = s.pattern;
        if (typed)
            for (const auto& t : typed->series)
                if (t.series == s.series) pattern = t.pattern;
        const std::string field = "series." + code + ".pattern";
        rows.push_back({{"code", code},
                        {"label", tr(ctx, "settings.series." + code)},
                        {"pattern", pattern},
                        {"next_number", opt(s.next_number)},
                        {"error", errors.contains(field) ? json(errors[field]) : json(nullptr)}});
    }
    json data = {{"admin_tab", {{"documents", true}}},  // identity/_admin_tabs
                 {"series", rows},
                 {"credit_notes_shared", shown.credit_notes_shared},
                 {"vat_on_debits", shown.vat_on_debits},
                 {"margin_threshold", decimal_input(ctx, shown.margin_threshold_percent)},
                 {"margin_threshold_error", errors.contains("margin_threshold_percent")
                                                ? json(errors["margin_threshold_percent"]) : json(nullptr)},
                 {"saved", ctx.param("saved") == "1"},
                 {"error_summary", failure ? json(ctx.message(*failure)) : json(nullptr)}};
    ctx.render_page("sales/settings", data, tr(ctx, "settings.title"), "admin", status);
}

}  // namespace

void register_settings_page(http::WebServer& web, PageDeps deps) {
    web.page(Method::Get, "/admin/documents", [deps](PageContext& ctx) {
        if (!ctx.actor().is_admin()) return ctx.error_page(Error::forbidden());
        render_settings(ctx, deps, nullptr, nullptr, 200);
    });
    web.page(Method::Post, "/admin/documents", [deps](PageContext& ctx) {
        if (!ctx.actor().is_admin()) return ctx.error_page(Error::forbidden());
        SalesSettings input;
        input.credit_notes_shared = ctx.param("credit_notes_shared") == "1";
        input.vat_on_debits = ctx.param("vat_on_debits") == "1";
        for (auto series : kAllNumberSeries) {
            const std::string code(to_code(series));
            if (ctx.has_param("pattern_" + code)) input.series.push_back({series, ctx.param("pattern_" + code), ""});
        }
        auto current = deps.documents.settings(ctx.actor());
        if (!current) return ctx.error_page(current.error());
        input.margin_threshold_percent = current->margin_threshold_percent;  // unchanged unless sent
        if (ctx.has_param("margin_threshold_percent")) {
            auto threshold = Decimal::parse(ctx.param("margin_threshold_percent"), "margin_threshold_percent");
            if (!threshold) {
                // Every wrong field at once: the patterns are checked too before answering.
                Error all = threshold.error();
                for (const auto& s : input.series)
                    if (auto p = validate_pattern(s.pattern, "series." + std::string(to_code(s.series)) + ".pattern"); !p)
                        all.fields.insert(all.fields.end(), p.error().fields.begin(), p.error().fields.end());
                return render_settings(ctx, deps, &input, &all, 422);
            }
            input.margin_threshold_percent = *threshold;
        }
        auto saved = deps.documents.update_settings(ctx.actor(), input);
        if (saved) return ctx.redirect("/admin/documents?saved=1");
        if (saved.error().kind != ErrorKind::Invalid) return ctx.error_page(saved.error());
        render_settings(ctx, deps, &input, &saved.error(), 422);
    });
}

}  // namespace comptoir::sales::pages
