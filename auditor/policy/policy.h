// A policy file once loaded: an id, a version, bilingual title and its rules.
#pragma once

#include <string>
#include <vector>

#include "auditor/policy/rule.h"

namespace attt::policy {

struct Policy {
    std::string id;
    std::string version;
    Text title;
    std::string path;
    std::vector<Rule> rules;
};

}  // namespace attt::policy
