#include "LeafConstraint.h"

#include "LeafRules.h"

#include <new>

namespace hookscope {

LeafConstraint::LeafConstraint(const LeafRules *rules)
    : m_rules(rules)
{
}

bool LeafConstraint::validate(const valijson::adapters::Adapter &target, const std::vector<std::string> &context,
                              valijson::ValidationResults *results) const
{
    return m_rules->check(target, context, results);
}

valijson::constraints::Constraint *LeafConstraint::cloneInto(void *where) const
{
    return new (where) LeafConstraint(*this);
}

size_t LeafConstraint::sizeOf() const
{
    return sizeof(LeafConstraint);
}

} // namespace hookscope
