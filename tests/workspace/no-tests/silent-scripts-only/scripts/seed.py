import csv

if __name__ == "__main__":
    print("seeding")
