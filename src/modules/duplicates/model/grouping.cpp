#include "modules/duplicates/model/grouping.hpp"

#include <algorithm>
#include <map>
#include <numeric>
#include <unordered_map>

#include "core/text/search_text.hpp"
#include "modules/duplicates/model/name_key.hpp"

namespace comptoir::duplicates {
namespace {

struct UnionFind {
    std::vector<std::uint32_t> parent;
    explicit UnionFind(std::size_t n) : parent(n) { std::iota(parent.begin(), parent.end(), 0u); }
    std::uint32_t find(std::uint32_t x) {
        while (parent[x] != x) x = parent[x] = parent[parent[x]];
        return x;
    }
    void unite(std::uint32_t a, std::uint32_t b) {
        a = find(a);
        b = find(b);
        if (a != b) parent[std::max(a, b)] = std::min(a, b);
    }
};

// FNV-1a, enough to sort block keys; collisions only put unrelated names in one block.
std::uint64_t hash_of(std::uint32_t place, std::string_view part, char which) {
    std::uint64_t h = 1469598103934665603ull;
    auto mix = [&](unsigned char c) {
        h ^= c;
        h *= 1099511628211ull;
    };
    for (int i = 0; i < 4; ++i) mix(static_cast<unsigned char>(place >> (8 * i)));
    mix(static_cast<unsigned char>(which));
    for (char c : part) mix(static_cast<unsigned char>(c));
    return h;
}

int edge_score(NameMatch name, AddressMatch address) {
    const bool exact = name == NameMatch::Exact;
    switch (address) {
        case AddressMatch::Same: return exact ? 90 : 80;
        case AddressMatch::Unknown: return exact ? 75 : 65;
        case AddressMatch::Different: return exact ? 60 : 50;
    }
    return 0;
}

std::string compact(const std::string& key) {
    std::string out;
    for (char c : key)
        if (c != ' ') out.push_back(c);
    return out;
}

}  // namespace

std::string_view to_code(Reason reason) {
    switch (reason) {
        case Reason::Siret: return "siret";
        case Reason::Email: return "email";
        case Reason::Phone: return "phone";
        case Reason::Siren: return "siren";
        case Reason::NameAddress: return "name_address";
        case Reason::Name: return "name";
    }
    return "name";
}

int exact_score(Reason reason) {
    switch (reason) {
        case Reason::Siret: return 100;
        case Reason::Email: return 95;
        case Reason::Phone: return 90;
        case Reason::Siren: return 70;
        default: return 0;
    }
}

std::string Group::member_key() const {
    std::string out;
    for (auto id : members) {
        if (!out.empty()) out.push_back(',');
        out += std::to_string(id);
    }
    return out;
}

void NameMatcher::reserve(std::size_t n) { entries_.reserve(n); }

std::uint32_t NameMatcher::place_of(const std::string& key) {
    // Few distinct places (postal codes): a sorted vector with binary search.
    auto it = std::lower_bound(place_index_.begin(), place_index_.end(), key,
                               [](const auto& p, const std::string& k) { return p.first < k; });
    if (it != place_index_.end() && it->first == key) return it->second;
    auto id = static_cast<std::uint32_t>(places_.size());
    places_.push_back(key);
    place_index_.insert(it, {key, id});
    return id;
}

void NameMatcher::add(const NameRecord& r) {
    std::string place = !r.postal_code.empty() ? r.postal_code : (r.city.empty() ? std::string() : "~" + fold(r.city));
    const std::uint32_t p = place_of(place);
    std::string street = address_key(r.street);
    std::string key = name_key(r.name);
    if (!key.empty()) entries_.push_back({r.id, p, key, street});
    if (!r.trade_name.empty()) {
        std::string trade = name_key(r.trade_name);
        if (!trade.empty() && trade != key) entries_.push_back({r.id, p, std::move(trade), std::move(street)});
    }
}

std::vector<Group> NameMatcher::groups(std::size_t max_members, std::size_t* too_large) {
    const std::size_t n = entries_.size();
    // Blocks: (place, first three letters) and (place, last three letters) of the compact name, so a
    // typo anywhere but in a very short name leaves one of the two keys intact.
    std::vector<std::pair<std::uint64_t, std::uint32_t>> blocks;
    blocks.reserve(2 * n);
    std::vector<std::uint16_t> lengths(n);
    for (std::uint32_t i = 0; i < n; ++i) {
        const std::string c = compact(entries_[i].name);
        lengths[i] = static_cast<std::uint16_t>(std::min<std::size_t>(c.size(), 65535));
        blocks.emplace_back(hash_of(entries_[i].place, std::string_view(c).substr(0, 3), 'p'), i);
        blocks.emplace_back(hash_of(entries_[i].place, c.size() > 3 ? std::string_view(c).substr(c.size() - 3) : c, 's'), i);
    }
    std::sort(blocks.begin(), blocks.end());

    // Edges between entries, as (a, b, score); component scores are the weakest edge's.
    struct Edge {
        std::uint32_t a, b;
        int score;
    };
    std::vector<Edge> edges;
    std::vector<std::uint32_t> block;
    for (std::size_t start = 0; start < blocks.size();) {
        std::size_t end = start + 1;
        while (end < blocks.size() && blocks[end].first == blocks[start].first) ++end;
        if (end - start > 1) {
            block.clear();
            for (std::size_t k = start; k < end; ++k) block.push_back(blocks[k].second);
            // By length, so only names within one letter of each other are compared.
            std::sort(block.begin(), block.end(), [&](std::uint32_t x, std::uint32_t y) {
                return lengths[x] != lengths[y] ? lengths[x] < lengths[y] : x < y;
            });
            for (std::size_t i = 0; i < block.size(); ++i) {
                const Entry& a = entries_[block[i]];
                for (std::size_t j = i + 1; j < block.size() && lengths[block[j]] <= lengths[block[i]] + 1; ++j) {
                    const Entry& b = entries_[block[j]];
                    if (a.id == b.id || a.place != b.place) continue;
                    auto m = compare_names(a.name, b.name);
                    if (m == NameMatch::None) continue;
                    edges.push_back({block[i], block[j], edge_score(m, compare_addresses(a.street, b.street))});
                }
            }
        }
        start = end;
    }

    // Components over client ids (a client may have two entries: its legal and its trade name).
    std::unordered_map<std::int64_t, std::uint32_t> node_of;
    std::vector<std::int64_t> ids;
    auto node = [&](std::uint32_t entry) {
        auto [it, added] = node_of.try_emplace(entries_[entry].id, static_cast<std::uint32_t>(ids.size()));
        if (added) ids.push_back(entries_[entry].id);
        return it->second;
    };
    for (auto& e : edges) {
        e.a = node(e.a);
        e.b = node(e.b);
    }
    UnionFind uf(ids.size());
    for (const auto& e : edges) uf.unite(e.a, e.b);
    struct Acc {
        std::vector<std::int64_t> members;
        int score = 100;
        bool all_address = true;
        std::vector<std::string> evidence;
    };
    std::map<std::uint32_t, Acc> components;
    for (std::uint32_t i = 0; i < ids.size(); ++i) components[uf.find(i)].members.push_back(ids[i]);
    for (const auto& e : edges) {
        auto& acc = components[uf.find(e.a)];
        if (e.score < acc.score) acc.score = e.score;
        if (e.score != 90 && e.score != 80) acc.all_address = false;
    }
    std::vector<Group> out;
    for (auto& [root, acc] : components) {
        if (acc.members.size() < 2) continue;
        if (acc.members.size() > max_members) {
            if (too_large) ++*too_large;
            continue;
        }
        Group g;
        g.members = std::move(acc.members);
        std::sort(g.members.begin(), g.members.end());
        g.reason = acc.all_address ? Reason::NameAddress : Reason::Name;
        g.score = acc.score;
        out.push_back(std::move(g));
    }
    return out;
}

std::vector<Group> exact_groups(Reason reason, std::string_view kind,
                                const std::vector<std::pair<std::string, std::int64_t>>& rows, std::size_t max_members,
                                std::size_t* too_large) {
    std::vector<Group> out;
    for (std::size_t start = 0; start < rows.size();) {
        std::size_t end = start + 1;
        while (end < rows.size() && rows[end].first == rows[start].first) ++end;
        std::vector<std::int64_t> members;
        for (std::size_t k = start; k < end; ++k) members.push_back(rows[k].second);
        std::sort(members.begin(), members.end());
        members.erase(std::unique(members.begin(), members.end()), members.end());
        if (members.size() > max_members) {
            if (too_large) ++*too_large;
        } else if (members.size() >= 2) {
            Group g;
            g.members = std::move(members);
            g.reason = reason;
            g.score = exact_score(reason);
            g.evidence.push_back(std::string(kind) + ":" + rows[start].first);
            out.push_back(std::move(g));
        }
        start = end;
    }
    return out;
}

std::vector<Group> combine(std::vector<Group> groups) {
    std::unordered_map<std::string, std::size_t> by_key;
    std::vector<Group> out;
    for (auto& g : groups) {
        std::string key = g.member_key();
        auto [it, added] = by_key.try_emplace(key, out.size());
        if (added) {
            out.push_back(std::move(g));
            continue;
        }
        Group& kept = out[it->second];
        for (auto& e : g.evidence) kept.evidence.push_back(std::move(e));
        if (g.score > kept.score) {
            kept.score = g.score;
            kept.reason = g.reason;
        }
    }
    std::sort(out.begin(), out.end(), [](const Group& a, const Group& b) {
        return a.score != b.score ? a.score > b.score : a.members < b.members;
    });
    return out;
}

}  // namespace comptoir::duplicates
