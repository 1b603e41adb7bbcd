"""Half-year and annual 发展党员工作总结 from the profile's plan and the roster's figures."""
