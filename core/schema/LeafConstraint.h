#pragma once

#include <valijson/constraints/concrete_constraints.hpp>

namespace hookscope {

struct LeafRules;

// valijson custom constraint that runs one subschema's LeafRules. SchemaRewriter replaces the
// keywords with "x-hookscope-leaf": <index>, and the builder CompiledSchema registers for that
// keyword turns the index back into the rules.
class LeafConstraint final : public valijson::constraints::PolyConstraint {
public:
    explicit LeafConstraint(const LeafRules *rules);

    bool validate(const valijson::adapters::Adapter &target, const std::vector<std::string> &context,
                  valijson::ValidationResults *results) const override;

private:
    Constraint *cloneInto(void *where) const override;
    size_t sizeOf() const override;

    const LeafRules *m_rules; // not owned: CompiledSchema owns the rules beside the valijson schema
};

} // namespace hookscope
