"""Reading the unit's own data (profile YAML, rosters, decision sheets) into typed, validated records."""
