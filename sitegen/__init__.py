"""The generator of the inspection-record site: the stages of the build, one package each.

README.md's architecture section lists the packages and what each may import.
"""
