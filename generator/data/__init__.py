"""The unit's own inputs, read and validated as a whole (every bad field or row named at once): the
profile YAML, the decisions sheet of 批复, the 文号 register, and the sheet reader they share."""
