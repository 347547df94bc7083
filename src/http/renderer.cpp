#include "http/renderer.hpp"

#include <kainjow/mustache.hpp>

#include <stdexcept>
#include <unordered_map>
#include <vector>

#include "http/assets.hpp"

namespace comptoir::http {
namespace mustache = kainjow::mustache;
namespace {

mustache::data to_data(const nlohmann::json& j) {
    switch (j.type()) {
        case nlohmann::json::value_t::object: {
            mustache::data d{mustache::data::type::object};
            for (auto it = j.begin(); it != j.end(); ++it) d.set(it.key(), to_data(it.value()));
            return d;
        }
        case nlohmann::json::value_t::array: {
            mustache::data d{mustache::data::type::list};
            for (const auto& item : j) d.push_back(to_data(item));
            return d;
        }
        case nlohmann::json::value_t::string: return mustache::data{j.get<std::string>()};
        case nlohmann::json::value_t::boolean: return mustache::data{j.get<bool>()};
        case nlohmann::json::value_t::number_integer:
        case nlohmann::json::value_t::number_unsigned:
        case nlohmann::json::value_t::number_float: return mustache::data{j.dump()};
        default: return mustache::data{false};
    }
}

// Catalogs are merged from every module's i18n/<locale>.json into one tree.
nlohmann::json load_catalog(const std::string& locale) {
    nlohmann::json merged = nlohmann::json::object();
    std::string suffix = "/" + locale + ".json";
    for (const auto& [name, content] : embedded_assets()) {
        if (!name.starts_with("i18n/") || !name.ends_with(suffix)) continue;
        merged.merge_patch(nlohmann::json::parse(content));
    }
    return merged;
}

const std::string& template_source(const std::string& name) {
    static const std::unordered_map<std::string, std::string> sources = [] {
        std::unordered_map<std::string, std::string> out;
        for (const auto& [asset, content] : embedded_assets()) {
            if (asset.starts_with("templates/") && asset.ends_with(".mustache"))
                out.emplace(std::string(asset.substr(10, asset.size() - 10 - 9)), std::string(content));
        }
        return out;
    }();
    auto it = sources.find(name);
    if (it == sources.end()) throw std::runtime_error("unknown template " + name);
    return it->second;
}

const std::vector<std::string>& partial_names() {
    static const std::vector<std::string> names = [] {
        std::vector<std::string> out;
        for (const auto& [asset, content] : embedded_assets()) {
            if (!asset.starts_with("templates/") || !asset.ends_with(".mustache")) continue;
            std::string name(asset.substr(10, asset.size() - 10 - 9));
            auto slash = name.rfind('/');
            if (name[slash == std::string::npos ? 0 : slash + 1] == '_') out.push_back(name);
        }
        return out;
    }();
    return names;
}

}  // namespace

Renderer::Renderer() : fr_(load_catalog("fr")), en_(load_catalog("en")) {}

const nlohmann::json& Renderer::catalog(const std::string& locale) const { return locale == "en" ? en_ : fr_; }

std::string Renderer::translate(const std::string& key, const std::string& locale) const {
    const nlohmann::json* node = &catalog(locale);
    std::size_t start = 0;
    while (start <= key.size()) {
        auto dot = key.find('.', start);
        std::string part = key.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
        if (!node->is_object() || !node->contains(part)) return key;
        node = &(*node)[part];
        if (dot == std::string::npos) break;
        start = dot + 1;
    }
    return node->is_string() ? node->get<std::string>() : key;
}

std::string Renderer::render(const std::string& name, const nlohmann::json& data, const std::string& locale) const {
    // Parsed templates are cached per thread: kainjow's render() is not const, so instances aren't shared.
    thread_local std::unordered_map<std::string, mustache::mustache> cache;
    thread_local std::unordered_map<std::string, mustache::data> translations;
    auto it = cache.find(name);
    if (it == cache.end()) {
        it = cache.emplace(name, mustache::mustache{template_source(name)}).first;
        if (!it->second.is_valid()) throw std::runtime_error("template " + name + ": " + it->second.error_message());
    }
    auto t = translations.find(locale);
    if (t == translations.end()) t = translations.emplace(locale, to_data(catalog(locale))).first;

    mustache::data context = to_data(data);
    context.set("t", t->second);
    context.set("locale", locale);
    context.set("is_en", locale == "en");
    // Templates whose file name starts with "_" are partials, usable from any template by name
    // ({{> crm/_client_rows}}); they resolve lazily, so unused ones cost nothing.
    for (const auto& partial_name : partial_names()) {
        context.set(partial_name, mustache::partial{[&partial_name]() { return template_source(partial_name); }});
    }
    return it->second.render(context);
}

}  // namespace comptoir::http
