db_password = "Pr0dS3cret!"
