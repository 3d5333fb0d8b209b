"""The shipped configuration files (scenario/, experiment/, exercise/<case>/, hydra/launcher/), loaded as pkg://ssrsim.configs."""
